"""What a simulated site answers a request with: status, content type, body and cache validators."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime

HTML = "text/html; charset=UTF-8"
ATOM = "application/atom+xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
TEXT = "text/plain; charset=UTF-8"


@dataclass
class Response:
    """What the server sends: status, type, body, (for posts) cache validators and any extra headers.

    ``headers`` carries platform headers such as ``X-WP-Total`` or a redirect's ``Location``.
    """

    status: int
    content_type: str
    body: bytes
    last_modified: datetime | None = None
    etag: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)


def http_date(dt: datetime) -> str:
    """RFC 7231 date for Last-Modified."""
    return format_datetime(dt.astimezone(timezone.utc).replace(microsecond=0), usegmt=True)

