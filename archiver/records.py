"""Build a Commentary record from a page snapshot and its extracted fields."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import datetime, timezone
from typing import Any

from archiver.extraction.dates import assume_utc, parse_iso
from archiver.extraction.dom import word_count
from archiver.fingerprints import Fingerprint, fingerprint
from archiver.items import Caption, Commentary, PageSnapshot
from archiver.urls import canonicalize_url, host_of

_PLACEHOLDER_POSTERS = {"unknown", "anonymous", "admin", "administrator", ""}


def record_id(canonical_url: str) -> str:
    """A stable id: the first 32 hex digits of the SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


def build_record(
    snapshot: PageSnapshot, extracted: dict[str, Any], run_id: str, fingerprints: Fingerprint | None = None
) -> Commentary:
    """Turn extraction's JSON-friendly output into a typed record, with ids and fingerprints."""
    canonical = canonicalize_url(snapshot.url)
    prints = fingerprints or fingerprint(extracted.get("body"))
    body = prints.body
    return Commentary(
        id=record_id(canonical),
        url=snapshot.final_url or snapshot.url,
        canonical_url=canonical,
        source=snapshot.source,
        source_domain=host_of(canonical),
        platform=extracted.get("platform") or snapshot.platform,
        title=normalize_line(extracted.get("title")),
        byline=_unique([normalize_line(n) for n in extracted.get("byline") or []]),
        byline_orgs=_unique([normalize_line(n) for n in extracted.get("byline_orgs") or []]),
        byline_raw=normalize_line(extracted.get("byline_raw")),
        poster=_poster(extracted.get("poster")),
        published=to_utc(extracted.get("published")),
        published_raw=extracted.get("published_raw"),
        original_published=to_utc(extracted.get("original_published")),
        original_published_raw=extracted.get("original_published_raw"),
        updated=to_utc(extracted.get("updated")),
        original_source=extracted.get("original_source"),
        original_url=extracted.get("original_url"),
        captions=[
            Caption(text=normalize_line(c.get("text")), credit=normalize_line(c.get("credit")), image_url=c.get("image_url"))
            for c in extracted.get("captions") or []
        ],
        body=body,
        paywalled=bool(extracted.get("paywalled")),
        tags=_unique([normalize_line(t) for t in extracted.get("tags") or []]),
        language=extracted.get("language"),
        word_count=word_count(body),
        content_hash=prints.content_hash,
        simhash=prints.simhash,
        fetched_at=snapshot.fetched_at.astimezone(timezone.utc),
        http_status=snapshot.http_status,
        warc_file=snapshot.warc_file,
        warc_record_id=snapshot.warc_record_id,
        extractor_version=extracted.get("extractor_version") or "",
        field_sources=dict(extracted.get("field_sources") or {}),
        run_id=run_id,
        version=1,
    )


def normalize_line(text: str | None) -> str | None:
    """NFC and whitespace collapsed to single spaces."""
    if not text:
        return None
    return " ".join(unicodedata.normalize("NFC", text).split()) or None


def to_utc(text: str | None) -> datetime | None:
    value = parse_iso(text)
    if value is None:
        return None
    return assume_utc(value).astimezone(timezone.utc)


def _poster(name: str | None) -> str | None:
    name = normalize_line(name)
    if name is None or name.lower() in _PLACEHOLDER_POSTERS:
        return None
    return name


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
