"""The two items that travel through the crawl: a fetched page and the record built from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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
    encoding: str | None = None  #: the encoding Scrapy found for ``raw``
    warc_file: str | None = None  #: where the raw response is kept
    warc_record_id: str | None = None
    #: set by the extract pipeline: the JSON-friendly output of ``archiver.extraction.extract``
    extracted: dict[str, Any] | None = None
    #: set by the extract pipeline: the normalized body and its fingerprints (``archiver.records.Fingerprint``)
    fingerprints: Any = None


@dataclass
class Caption:
    """One image caption, with its credit split off."""

    text: str | None
    credit: str | None
    image_url: str | None


@dataclass
class Commentary:
    """One archived post: the Parquet record (schema in ``archiver.schema``).

    Timestamps are timezone-aware UTC; the ``*_raw`` siblings keep the text they came from.
    """

    id: str  #: sha256 of canonical_url, hex, first 32 characters
    url: str  #: the fetched URL
    canonical_url: str  #: without ?m=1, showComment, utm_*, fragment
    source: str
    source_domain: str  #: host of canonical_url
    platform: str
    title: str | None  #: None for untitled posts
    byline: list[str]  #: the piece's author(s), persons only; for a repost, the original writer
    byline_orgs: list[str]  #: organisations credited as author, as printed ("Associated Press", "AFP")
    byline_raw: str | None  #: the text the byline came from ("Opinion by Josh Rogin")
    poster: str | None  #: the account that published the post on this site
    published: datetime | None  #: when the post went up on this site
    published_raw: str | None
    original_published: datetime | None  #: the original piece's date, for reposts that say so
    original_published_raw: str | None  #: "January 7 at 7:32 am Taiwan Time"
    updated: datetime | None
    original_source: str | None
    original_url: str | None
    captions: list[Caption]
    body: str | None  #: paragraphs split by a blank line
    paywalled: bool  #: the page shows only part of the piece (a subscriber-only post)
    tags: list[str]
    language: str | None  #: BCP-47
    word_count: int
    content_hash: str | None  #: sha256 of the normalized body, hex
    simhash: int | None  #: 64-bit near-duplicate fingerprint of the body
    fetched_at: datetime
    http_status: int
    warc_file: str | None
    warc_record_id: str | None
    extractor_version: str
    field_sources: dict[str, str]  #: field -> rule that produced it
    run_id: str
    version: int  #: 1 for a first capture, +1 each time the content changes
