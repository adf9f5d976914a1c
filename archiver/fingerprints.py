"""A body's stored form and its fingerprints: exact (SHA-256) and near-duplicate (SimHash).

Crawls compute them in the extraction workers, which import only what extraction needs: nothing here
may import Scrapy or pyarrow (tests/test_workers.py checks what a worker imports).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from trafilatura.deduplication import Simhash


@dataclass(frozen=True)
class Fingerprint:
    """A body in its stored form, with its exact and near-duplicate fingerprints."""

    body: str | None
    content_hash: str | None
    simhash: int | None


def fingerprint(body: str | None) -> Fingerprint:
    """Normalize ``body`` and fingerprint it (CPU work: crawls do it in the extraction workers)."""
    normalized = normalize_text(body)
    return Fingerprint(normalized, content_hash(normalized), simhash(normalized))


def normalize_text(text: str | None) -> str | None:
    """NFC, no trailing spaces, paragraphs split by exactly one blank line."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p) or None


def content_hash(body: str | None) -> str | None:
    """SHA-256 of the body with case and whitespace folded: equal for equal text."""
    if not body:
        return None
    return hashlib.sha256(" ".join(body.lower().split()).encode("utf-8")).hexdigest()


def simhash(body: str | None) -> int | None:
    """trafilatura's 64-bit SimHash of the body, for near-duplicate search."""
    if not body:
        return None
    return Simhash(body).hash
