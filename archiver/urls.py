"""URL canonicalization and the URL shapes archiver recognizes."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that never change which post a page shows: Blogger's mobile switch and
# comment permalinks, WordPress's comment-reply links and the theme switches of its AMP and mobile
# plugins, and the usual campaign trackers.
_NOISE_PARAMS = re.compile(r"^(m|showComment|replytocom|amp|wpmp_switcher|utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid)$",
                           re.I)
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
#: what a path keeps as it is: RFC 3986's unreserved and sub-delimiter characters, ":", "@", "/", and "%" (escapes
#: already made)
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
# A folder's index file, as saved copies of sites (wget, HTTrack, static exports) link folders.
_INDEX_FILE = re.compile(r"(?<=/)index\.html?$", re.I)
# A query a mirroring tool saved into a file name: "post.html%3FshowComment=1.html", "search%3Fq=a.html".
_SAVED_QUERY = re.compile(r"%3F(.*?)(?:\.html?)?$", re.I)

_BLOGGER_POST_PATH = re.compile(r"^/\d{4}/\d{2}/[^/]+\.html$")
_BLOGGER_STATIC_PATH = re.compile(r"^/p/[^/]+\.html$")


def check_web_address(url: object) -> str:
    """``url`` when it is an http(s) address with a host and a valid port; ValueError saying what is wrong
    otherwise (the one check of the addresses users give, on the command line and in sources files)."""
    if not isinstance(url, str):
        raise ValueError(f"expected an http(s) address, got {url!r}")
    text = url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it checks it: "99999" and "abc" raise ValueError
    except ValueError as error:
        raise ValueError(f"not a web address: {text!r} ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a web address: {text!r} (expected something like https://example.blogspot.com/)")
    return text


#: how many addresses the functions that judge an address remember their answers for: pages link the same
#: addresses over and over (an archive widget, a blog's menus, the newer and older posts), and a walk judges
#: each link of every page it reads, hundreds a page
REPEATED_ADDRESSES = 8192


@lru_cache(maxsize=REPEATED_ADDRESSES)
def canonicalize_url(url: str) -> str:
    """Return ``url`` without fragment, noise parameters, default port, upper-case host or a
    folder's ``index.html``; the remaining parameters sorted and percent escapes in upper case
    (``%c3%a9`` is ``%C3%A9``).

    >>> canonicalize_url("HTTPS://Blog.Example.com:443/2022/01/a.html?m=1&showComment=1#c2")
    'https://blog.example.com/2022/01/a.html'
    """
    parts = urlsplit(url.strip())
    saved = _SAVED_QUERY.search(parts.path)
    if saved:
        saved_query = unquote(saved.group(1)).replace("+", "%2B")
        parts = parts._replace(path=parts.path[:saved.start()],
                               query="&".join(q for q in (parts.query, saved_query) if q))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not (scheme, port) in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _NOISE_PARAMS.match(k))
    # Characters a URL may not hold raw (non-ASCII, spaces) percent-encoded as UTF-8, as a browser sends them:
    # a sitemap that gives a path raw and a page that links it encoded name one post.
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    path = _INDEX_FILE.sub("", _PERCENT_ESCAPE.sub(lambda escape: escape.group(0).upper(), path))
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def site_root(url: str) -> str:
    """The scheme, host and port of ``url`` with a trailing slash: where a blog's feeds live."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


def scope_path(url: str) -> str:
    """The folder ``url`` names, ending in a slash: ``/opinion/`` for ``https://example.org/opinion/``
    or ``.../opinion``, ``/`` for the site's root or a page in it (``/index.html``)."""
    path = urlsplit(url).path or "/"
    if "." in path.rsplit("/", 1)[-1]:
        path = path.rsplit("/", 1)[0]  # a file: its folder
    return path.rstrip("/") + "/"


@lru_cache(maxsize=REPEATED_ADDRESSES)
def in_folder(url: str, folder: str) -> bool:
    """True when ``url``'s path lies in ``folder`` (a path ending in a slash, see :func:`scope_path`)."""
    path = urlsplit(url).path or "/"
    return path.startswith(folder) or path + "/" == folder


@lru_cache(maxsize=REPEATED_ADDRESSES)
def host_of(url: str) -> str:
    """The lower-case host of ``url``, without port."""
    return (urlsplit(url).hostname or "").lower()


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on one host (``www.`` ignored)."""
    return host_of(url).removeprefix("www.") == host_of(other).removeprefix("www.")


def is_blogger_post_url(url: str) -> bool:
    """True for Blogger post permalinks: ``/YYYY/MM/<slug>.html``."""
    return bool(_BLOGGER_POST_PATH.match(urlsplit(url).path))


def is_blogger_static_page_url(url: str) -> bool:
    """True for Blogger static pages: ``/p/<slug>.html``."""
    return bool(_BLOGGER_STATIC_PATH.match(urlsplit(url).path))


def other_slash_form(url: str) -> str | None:
    """The address with its path's final "/" taken away, or given (``/aws/amplify`` <-> ``/aws/amplify/``);
    None for a site's root or a file name (``/2024/05/cranes.html``)."""
    parts = urlsplit(url)
    path = parts.path
    if path in ("", "/") or "." in path.rstrip("/").rsplit("/", 1)[-1]:
        return None
    other = path[:-1] if path.endswith("/") else path + "/"
    return urlunsplit(parts._replace(path=other))


@lru_cache(maxsize=REPEATED_ADDRESSES)
def post_key(url: str) -> str:
    """The identity of a post URL: host without ``www.``, path, and the query that is left once
    noise parameters are gone.

    The same Blogger post answers on http and https and under several query strings (``?m=1``,
    ``?showComment=``), which canonicalization drops; a site with plain links names each post by
    its query (WordPress's ``/?p=123``, ``article.php?id=7``).
    """
    parts = urlsplit(canonicalize_url(url))
    return parts.netloc.removeprefix("www.") + parts.path + (f"?{parts.query}" if parts.query else "")
