"""The sources file (``sources.toml``): which sites to archive, and how, one table per source."""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.errors import InputError
from archiver.extraction.dates import assume_utc
from archiver.urls import check_web_address

PLATFORMS = ("auto", "blogger", "wordpress", "substack", "generic")
_NAME = re.compile(r"^[\w.\-@+: ]{1,100}$")
_KEYS = {"name", "url", "platform", "since", "until", "include", "exclude", "limit", "delay", "concurrency", "include_pages", "scope"}


@dataclass
class Source:
    """One site to archive."""

    name: str
    url: str
    platform: str = "auto"
    since: datetime | None = None  #: leave out posts the listings date earlier
    until: datetime | None = None  #: leave out posts the listings date later
    include: list[re.Pattern[str]] = field(default_factory=list)  #: keep only post URLs matching one of these
    exclude: list[re.Pattern[str]] = field(default_factory=list)  #: drop post URLs matching any of these
    limit: int | None = None  #: at most this many posts per run
    delay: float | None = None  #: seconds between requests to this host
    concurrency: int | None = None  #: requests at once to this host
    include_pages: bool = False
    scope: str | None = None  #: archive only the addresses under this folder ("/opinion/")

    def wants(self, url: str) -> bool:
        """True when the include/exclude patterns keep ``url`` (matched against path and query)."""
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if self.include and not any(p.search(target) for p in self.include):
            return False
        return not any(p.search(target) for p in self.exclude)


class SourcesError(InputError):
    """The sources file cannot be used; the message names every bad entry."""


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; raise SourcesError listing every problem found."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"no sources file at {file}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourcesError(f"cannot read {file}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SourcesError(f"{file} is not valid TOML: {error}") from None
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{file} lists no sources (expected [[source]] tables with a url)")
    sources, problems = [], []
    for number, entry in enumerate(entries, start=1):
        try:
            sources.append(parse_source(entry))
        except ValueError as error:
            label = entry.get("name") if isinstance(entry, dict) and isinstance(entry.get("name"), str) else f"#{number}"
            problems.append(f"source {label}: {error}")
    names = [s.name for s in sources]
    problems += [f"source {n}: the name is used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    urls = [s.url for s in sources]
    problems += [f"{u}: the url is listed twice (a post belongs to one source)" for u in sorted({u for u in urls if urls.count(u) > 1})]
    if problems:
        raise SourcesError(f"{file}: " + "; ".join(problems))
    return sources


def parse_source(entry: Any) -> Source:
    """One ``[[source]]`` table as a Source; ValueError says what is wrong with it."""
    if not isinstance(entry, dict):
        raise ValueError("not a table")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    try:
        url = check_web_address(entry.get("url"))
    except ValueError as error:
        raise ValueError(f"url: {error}") from None
    parts = urlsplit(url)
    name = entry.get("name", (parts.hostname or "").removeprefix("www."))
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"name must be 1-100 letters, digits, spaces or . - _ @ + :, got {name!r}")
    platform = entry.get("platform", "auto")
    if platform not in PLATFORMS:
        raise ValueError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    source = Source(
        name=name, url=url, platform=platform,
        since=_date(entry, "since"), until=_date(entry, "until"),
        include=_patterns(entry, "include"), exclude=_patterns(entry, "exclude"),
        limit=_positive(entry, "limit", int), delay=_positive(entry, "delay", (int, float), allow_zero=True),
        concurrency=_positive(entry, "concurrency", int), include_pages=bool(entry.get("include_pages", False)),
        scope=check_scope(entry.get("scope")),
    )
    if source.since and source.until and source.since > source.until:
        raise ValueError("since is after until")
    return source


def site_of(source: Source) -> str:
    """The host a source is crawled from, without ``www.``: the unit one worker or shard takes whole, so a
    host's pauses between requests hold however many machines share the archive."""
    return (urlsplit(source.url).hostname or "").removeprefix("www.")


def by_site(sources: list[Source]) -> dict[str, list[Source]]:
    """The sources grouped by their host, in the file's order."""
    sites: dict[str, list[Source]] = {}
    for source in sources:
        sites.setdefault(site_of(source), []).append(source)
    return sites


def parse_shard(value: str) -> tuple[int, int]:
    """``I/N`` (0 <= I < N, as a Kubernetes Indexed Job's or a Slurm array's 0-based index); ValueError otherwise."""
    index, sep, count = value.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i = n = -1
    if not sep or n < 1 or not 0 <= i < n:
        raise ValueError(f"expected I/N with 0 <= I < N (e.g. 0/4), got {value!r}")
    return i, n


def shard_of(site: str, count: int) -> int:
    """Which of ``count`` shards crawls ``site``: a stable hash (Python's ``hash()`` differs between
    processes, and every machine of a job must agree)."""
    digest = hashlib.blake2b(f"archiver shard {site}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def in_shard(sources: list[Source], index: int, count: int) -> list[Source]:
    """The sources of shard ``index`` of ``count``: every source of a host in the same shard."""
    return [source for source in sources if shard_of(site_of(source), count) == index]


def source_entry(source: Source) -> dict[str, Any]:
    """A source as its ``[[source]]`` table (what ``parse_source`` reads back), for a task's message."""
    entry: dict[str, Any] = {"name": source.name, "url": source.url, "platform": source.platform}
    for key in ("since", "until"):
        if getattr(source, key) is not None:
            entry[key] = getattr(source, key).isoformat()
    for key in ("include", "exclude"):
        if getattr(source, key):
            entry[key] = [pattern.pattern for pattern in getattr(source, key)]
    for key in ("limit", "delay", "concurrency", "scope"):
        if getattr(source, key) is not None:
            entry[key] = getattr(source, key)
    if source.include_pages:
        entry["include_pages"] = True
    return entry


def sources_toml(entries: list[dict[str, Any]]) -> str:
    """A sources file holding ``entries`` (tables as ``source_entry`` makes them). Their values are strings,
    numbers, booleans and lists of strings, which JSON writes as TOML reads them."""
    tables = ["[[source]]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in entry.items())
              for entry in entries]
    return "\n".join(tables)


def check_scope(value: Any) -> str | None:
    """A folder to archive (``/opinion/``): a path starting with a slash; it is made to end with one."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith("/") or "?" in value or "#" in value:
        raise ValueError(f"scope must be a folder's path like /opinion/, got {value!r}")
    return value.rstrip("/") + "/"


def _date(entry: dict[str, Any], key: str) -> datetime | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    elif hasattr(value, "year") and hasattr(value, "month"):  # a TOML date
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{key} must be a date like 2024-01-31, got {value!r}") from None
    else:
        raise ValueError(f"{key} must be a date like 2024-01-31, got {value!r}")
    return assume_utc(moment)


def _patterns(entry: dict[str, Any], key: str) -> list[re.Pattern[str]]:
    value = entry.get(key, [])
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key} must be a list of regular expressions")
    try:
        return [re.compile(v) for v in values]
    except re.error as error:
        raise ValueError(f"{key}: bad regular expression ({error})") from None


def _positive(entry: dict[str, Any], key: str, kind: Any, allow_zero: bool = False) -> Any:
    value = entry.get(key)
    if value is None:
        return None
    if (isinstance(value, bool) or not isinstance(value, kind) or not math.isfinite(value) or value < 0
            or (value == 0 and not allow_zero)):
        raise ValueError(f"{key} must be a finite {'non-negative' if allow_zero else 'positive'} number, got {value!r}")
    return value
