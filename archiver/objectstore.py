"""An archive on object storage (``s3://BUCKET/PREFIX``): the bucket's file system, its one-line errors, and
moving whole files between it and a local folder.

The endpoint and the credentials are the standard AWS environment's: ``AWS_ENDPOINT_URL`` (an S3-compatible
server such as MinIO; pyarrow does not read it itself), ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` /
``AWS_SESSION_TOKEN`` (or the AWS configuration files), ``AWS_DEFAULT_REGION`` or ``AWS_REGION``. Record
files, WARC segments and run reports are written once, under names no other run uses, and whole: S3 has
no rename, so nothing writes a temporary object to rename it later, and an object appears complete or
not at all. (``dedupe``'s index in ``clusters/`` is the one thing rewritten: a derived index whose files
``local_copy`` replaces whole.) The archive's layout under the prefix is an output folder's (``records/``,
``warc/``, ``runs/``, ``clusters/``).
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from archiver.damage import first_line
from archiver.errors import InputError, StorageUnavailableError
from archiver.items import Commentary
from archiver.store import RECORDS_DIR, RecordStore

SCHEME = "s3://"
#: how long the archive's first request may wait for a connection and for an answer (seconds): a bucket
#: that does not answer is told at once, not after the SDK's minutes of retries
CONNECT_TIMEOUT = 5.0
REQUEST_TIMEOUT = 30.0


def is_object_store(address: str | os.PathLike[str]) -> bool:
    return str(address).startswith(SCHEME)


@dataclass(frozen=True)
class ObjectStore:
    """An archive's place on object storage: the bucket's file system and the prefix (no slashes around)."""

    fs: pafs.FileSystem
    bucket: str
    prefix: str

    @property
    def url(self) -> str:
        return f"{SCHEME}{self.bucket}/{self.prefix}" if self.prefix else f"{SCHEME}{self.bucket}"

    def key(self, relative: str) -> str:
        """The file system's path of an archive-relative path (``records/source=…/…``)."""
        return "/".join(part for part in (self.bucket, self.prefix, relative) if part)

    def relative(self, key: str) -> str:
        return key[len(self.key("")):].lstrip("/")

    def list(self, relative: str) -> list[str]:
        """The archive-relative paths of every object under ``relative`` (none when it is absent)."""
        selector = pafs.FileSelector(self.key(relative), recursive=True, allow_not_found=True)
        with self.failing(f"cannot list {self.url}/{relative}"):
            found = self.fs.get_file_info(selector)
        return sorted(self.relative(info.path) for info in found if info.type == pafs.FileType.File)

    def upload(self, local: Path, relative: str) -> None:
        """Copy a finished local file whole to ``relative``."""
        # compression=None: pyarrow would otherwise gzip a name ending .gz once more (compression="detect").
        with self.failing(f"cannot upload {relative} to {self.url}"), open(local, "rb") as source, \
                self.fs.open_output_stream(self.key(relative), compression=None) as target:
            while chunk := source.read(8 * 1024 * 1024):
                target.write(chunk)

    @contextmanager
    def failing(self, doing: str) -> Iterator[None]:
        """The storage's errors as ``StorageUnavailableError``: one line, which a crawl stops on
        (``CrawlSession.write_failed``) and the command reports, rather than a traceback."""
        try:
            yield
        except OSError as error:
            raise StorageUnavailableError(f"{doing} at {_endpoint()}: {_reason(error)}") from None

    def download(self, relative: str, local: Path) -> None:
        """Copy the object at ``relative`` to ``local`` (a temporary name, then renamed: a cut copy is never
        taken for a whole one)."""
        local.parent.mkdir(parents=True, exist_ok=True)
        temporary = local.with_name(f".{local.name}.tmp")
        with self.failing(f"cannot download {self.url}/{relative}"), \
                self.fs.open_input_stream(self.key(relative), compression=None) as source, open(temporary, "wb") as target:
            while chunk := source.read(8 * 1024 * 1024):
                target.write(chunk)
        os.replace(temporary, local)


class ObjectRecordStore:
    """The record files of an archive on object storage (a ``session.RecordStorage``): each batch's files are
    written in the run's scratch folder as ``RecordStore`` writes them, uploaded whole under the same path
    below the prefix, and removed locally; ``write`` returns them as paths in the scratch folder."""

    def __init__(self, store: ObjectStore, scratch: Path, run_id: str) -> None:
        self.store = store
        self.scratch = scratch
        self.local = RecordStore(scratch, run_id)

    def write(self, records: list[Commentary]) -> list[Path]:
        files = self.local.write(records)
        for path in files:
            self.store.upload(path, path.relative_to(self.scratch).as_posix())
            path.unlink()
        return files

    def run_files(self, run_id: str) -> list[str]:
        """The record files a run uploaded (``records/source=…/year=…/part-<run_id>-<n>.parquet``)."""
        pattern = re.compile(rf"^{RECORDS_DIR}/source=[^/]+/year=[^/]+/part-{re.escape(run_id)}-\d+\.parquet$")
        return [relative for relative in self.store.list(RECORDS_DIR) if pattern.match(relative)]

    def read_table(self, relative: str, columns: list[str]) -> pa.Table:
        with self.store.failing(f"cannot read {self.store.url}/{relative}"):
            return pq.read_table(self.store.key(relative), columns=columns, filesystem=self.store.fs)


@contextmanager
def local_copy(url: str, folders: Sequence[str], write_back: Sequence[str] = ()) -> Iterator[Path]:
    """A local copy of the archive at ``url``'s ``folders`` (``records``, ``clusters``), for the commands
    that read an archive (``export``, ``stats``, ``dedupe``) and work on a folder; removed afterwards.
    The folders of ``write_back`` are written back when the work succeeds: files new or changed are
    uploaded, files the work removed are deleted (``dedupe``'s index in ``clusters/``, which it rewrites).
    Record files are immutable once written, so a copy is a consistent view of the archive."""
    store = open_store(url)
    if not store.list(RECORDS_DIR):
        raise InputError(f"{store.url} is not an archiver archive (no {RECORDS_DIR}/ under it)")
    with tempfile.TemporaryDirectory(prefix="archiver-copy-") as name:
        folder = Path(name)
        copied: dict[str, tuple[int, int]] = {}
        for relative in (path for top in folders for path in store.list(top)):
            store.download(relative, folder / relative)
            copied[relative] = _signature(folder / relative)
        yield folder
        for top in write_back:
            now = {path.relative_to(folder).as_posix(): path for path in sorted((folder / top).rglob("*"))
                   if path.is_file()}
            for relative, path in now.items():
                if copied.get(relative) != _signature(path):
                    store.upload(path, relative)
            for relative in copied:
                if relative.startswith(f"{top}/") and relative not in now:
                    with store.failing(f"cannot delete {store.url}/{relative}"):
                        store.fs.delete_file(store.key(relative))


def _signature(path: Path) -> tuple[int, int]:
    """What tells a file changed by the work from the copy it started with (rewritten files get new times)."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def open_store(url: str) -> ObjectStore:
    """The archive at ``s3://BUCKET/PREFIX``, checked: the endpoint answers, accepts the credentials and
    has the bucket. Raises ``InputError`` for a malformed address and ``StorageUnavailableError`` (one
    line naming the endpoint and the bucket, never a secret) for a bucket that cannot be used."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"not an object storage address: {url} (expected s3://BUCKET/PREFIX)")
    store = ObjectStore(_filesystem(), parts.netloc, parts.path.strip("/"))
    try:
        found = store.fs.get_file_info(store.bucket)
    except OSError as error:
        raise StorageUnavailableError(_unusable(store, error)) from None
    if found.type == pafs.FileType.NotFound:
        raise StorageUnavailableError(f"bucket {store.bucket} does not exist at {_endpoint()}")
    return store


def check_writable(store: ObjectStore) -> None:
    """Write and delete a small object under the prefix: a bucket that cannot be written is told before
    any crawling, not after the first batch of records."""
    probe = f".archiver-write-test-{uuid.uuid4().hex}"
    try:
        with store.fs.open_output_stream(store.key(probe)) as handle:
            handle.write(b"")
        store.fs.delete_file(store.key(probe))
    except OSError as error:
        raise StorageUnavailableError(f"cannot write to {store.url} at {_endpoint()}: {_reason(error)}") from None


def _filesystem() -> pafs.S3FileSystem:
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    options: dict[str, object] = {}
    if endpoint:
        # pyarrow reads credentials from the environment but not the endpoint (apache/arrow#49643).
        address = urlsplit(endpoint)
        options.update(endpoint_override=address.netloc or address.path, scheme=address.scheme or "https")
    region = os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION")
    if region:
        options["region"] = region
    elif endpoint:
        options["region"] = "us-east-1"  # an S3-compatible server takes any; without one the SDK asks AWS
    return pafs.S3FileSystem(connect_timeout=CONNECT_TIMEOUT, request_timeout=REQUEST_TIMEOUT,
                             retry_strategy=pafs.AwsStandardS3RetryStrategy(max_attempts=2), **options)


def _endpoint() -> str:
    return os.environ.get("AWS_ENDPOINT_URL") or "AWS S3"


def _unusable(store: ObjectStore, error: OSError) -> str:
    text = str(error)
    if "NETWORK_CONNECTION" in text or "curlCode" in text or "Could not connect" in text:
        return f"object storage at {_endpoint()} does not answer (bucket {store.bucket})"
    if any(word in text for word in ("ACCESS_DENIED", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
                                     "INVALID_ACCESS_KEY_ID", "SIGNATURE_DOES_NOT_MATCH", "403", "Forbidden")):
        return f"object storage at {_endpoint()} refused the credentials for bucket {store.bucket}"
    return f"cannot use bucket {store.bucket} at {_endpoint()}: {_reason(error)}"


def _reason(error: OSError) -> str:
    """What the service said, without the file system's preamble and the request id (noise to a user)."""
    line = first_line(error)
    start = line.find("AWS Error ")
    return (line[start:] if start >= 0 else line).split(" (Request ID:")[0]
