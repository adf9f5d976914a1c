"""The two items that travel through the crawl: a fetched page and the record built from it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

import pyarrow as pa


@dataclass
class PageSnapshot:
    """A fetched post page, as a spider hands it to the pipelines.

    Spiders never parse fields; they pass what they already know as ``hints``
    (see ``archiver.extraction.Hints`` for the keys).
    """

    url: str  #: the URL that was requested (canonical form)
    final_url: str  #: the URL that answered, after redirects
    html: str  #: the decoded page ("" when ``raw`` carries it, to be decoded in a worker)
    http_status: int
    fetched_at: datetime  #: UTC
    source: str  #: configured source name (the blog's host by default)
    platform: str  #: blogger / wordpress / substack / generic
    hints: dict[str, Any] = field(default_factory=dict)
    #: the response as fetched (``archiver.warc.CapturedResponse``), kept raw by the extraction worker
    raw: Any = None
    warc_file: str | None = None  #: where the raw response is kept
    warc_record_id: str | None = None
    #: set by the extract pipeline: the JSON-friendly output of ``archiver.extraction.extract``
    extracted: dict[str, Any] | None = None
    #: set by the extract pipeline: the normalized body and its fingerprints (``archiver.fingerprints.Fingerprint``)
    fingerprints: Any = None


def column(arrow_type: pa.DataType, description: str, *, nullable: bool = True) -> Any:
    """A record field declared once: its Parquet type and its one-line meaning.

    ``archiver.schema`` builds the Parquet schema, the dataset card's field table and the README's
    from these declarations.
    """
    return field(metadata={"arrow_type": arrow_type, "description": description, "nullable": nullable})


UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")
_TEXT = pa.string()
_TEXTS = pa.list_(pa.string())


@dataclass
class Caption:
    """One image caption, with its credit split off."""

    text: str | None = column(_TEXT, "the caption")
    credit: str | None = column(_TEXT, "the photo credit split off it")
    image_url: str | None = column(_TEXT, "the full-size image")


CAPTION_TYPE = pa.struct([pa.field(f.name, f.metadata["arrow_type"]) for f in fields(Caption)])


@dataclass
class Commentary:
    """One archived post: the Parquet record. Timestamps are timezone-aware UTC."""

    id: str = column(_TEXT, "first 32 hex digits of the SHA-256 of `canonical_url`; one per post", nullable=False)
    url: str = column(_TEXT, "the URL that was fetched", nullable=False)
    canonical_url: str = column(_TEXT, "the URL without `?m=1`, `showComment`, `utm_*` and fragment", nullable=False)
    source: str = column(_TEXT, "the source (blog) name; a partition folder (`source=…`) in Parquet", nullable=False)
    source_domain: str = column(_TEXT, "the host of `canonical_url`")
    platform: str = column(_TEXT, "the blog platform: `blogger`, `wordpress`, `substack` or `generic`")
    title: str | None = column(_TEXT, "the post's title; null for untitled posts (never the blog's name)")
    byline: list[str] = column(
        _TEXTS, "the piece's author(s), persons only: for a repost the original writer; then the platform's "
        "co-authors or bylines; else the poster; never a placeholder (\"Unknown\") or the site's own name; "
        "empty rather than a guess")
    byline_orgs: list[str] = column(
        _TEXTS, "organisations credited as author, as printed (`Associated Press`, `AFP`; \"Jane Roe, Reuters\" "
        "gives `Jane Roe` in `byline` and `Reuters` here); the site's own name only where its structured data "
        "names the site, as an Organization, the piece's only author. Added in record schema 2 (read as null "
        "from older files)")
    byline_raw: str | None = column(_TEXT, "the text the byline came from (`Opinion by Josh Rogin`)")
    poster: str | None = column(
        _TEXT, "the account that published the post on this site (Blogger author, WordPress user, Substack's "
        "first byline); null when the page does not say")
    published: datetime | None = column(UTC_TIMESTAMP, "when the post went up on this site")
    published_raw: str | None = column(_TEXT, "the text `published` came from")
    original_published: datetime | None = column(
        UTC_TIMESTAMP, "the original piece's date, for reposts that state it (a dateline, a \"first appeared "
        "in … on\" line)")
    original_published_raw: str | None = column(
        _TEXT, "the text `original_published` came from (`January 7 at 7:32 am Taiwan Time`: year from the "
        "post, zone from the words)")
    updated: datetime | None = column(
        UTC_TIMESTAMP, "last modification: the blog's, when known; for a new version, at least its capture time")
    original_source: str | None = column(_TEXT, "the outlet where a repost first ran, when the post states it")
    original_url: str | None = column(_TEXT, "the original piece's URL, when the post states it")
    captions: list[Caption] = column(
        pa.list_(CAPTION_TYPE), "image captions: `text`, the photo `credit` split off, the full-size `image_url`")
    body: str | None = column(
        _TEXT, "the text, paragraphs split by a blank line; no title, byline, dateline, captions or blog furniture")
    paywalled: bool = column(
        pa.bool_(), "the page shows only the public part of the piece (a subscriber-only post)")
    tags: list[str] = column(_TEXTS, "the blog's labels, categories and tags for the post")
    language: str | None = column(_TEXT, "BCP-47 language of the body: as the page declares it, unless the body's "
                                         "text is surely in another, or surely not in the declared one; a post too "
                                         "short to tell, on a page declaring none, has its page's")
    word_count: int = column(pa.int32(), "words in `body` (each Chinese or Japanese character counts as one, as word processors count them)")
    content_hash: str | None = column(_TEXT, "SHA-256 of the case- and space-folded body (equal for equal text)")
    simhash: int | None = column(pa.uint64(), "64-bit SimHash of the body, for near-duplicates (in JSONL and "
                                 "CSV exports: 16 hex digits)")
    fetched_at: datetime = column(UTC_TIMESTAMP, "when the page was captured")
    http_status: int = column(pa.int16(), "the HTTP status of the capture")
    warc_file: str | None = column(_TEXT, "the WARC file that keeps the raw page (in the archive's `warc/` folder)")
    warc_record_id: str | None = column(_TEXT, "the WARC record of the raw page")
    extractor_version: str = column(_TEXT, "the version of archiver's extraction code that made the record")
    field_sources: dict[str, str] = column(
        pa.map_(pa.string(), pa.string()), "for each field, the extraction rule that produced it")
    run_id: str = column(_TEXT, "the crawl run that stored the record")
    version: int = column(pa.int32(), "1 for a first capture, +1 each time the post's text changed")
