"""Exceptions the library raises; only the CLI turns them into messages and exit codes."""


class ArchiverError(Exception):
    """Base class of every error archiver reports to its user."""

    exit_code = 2  #: what the command exits with when this error stops it


class DamagedArchiveError(ArchiverError):
    """A file of the output folder is damaged: the message names it and says what to do."""


class StateUnavailableError(ArchiverError):
    """The crawl state's database cannot be used: it does not answer, refuses the credentials, or holds
    tables of another version. The message names the database, never its password."""


class InputError(ArchiverError):
    """Bad input from the user: an argument, a file or a folder we cannot use."""


class NotABlogError(InputError):
    """The URL answered, but it is not a blog archiver can crawl."""


class HostUnreachableError(InputError):
    """The URL's host did not answer."""


class StorageUnavailableError(ArchiverError):
    """The archive's object storage cannot be used: the endpoint does not answer, refuses the credentials,
    has no such bucket, or does not let us write. The message names the endpoint and the bucket, never a
    secret."""
