"""Plain text out of HTML fragments, for snippets, summaries and search (every simulated platform uses them)."""

from __future__ import annotations

import html
import re


def text_of(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed (for snippets and summaries)."""
    no_scripts = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", fragment)
    no_tags = re.sub(r"(?s)<[^>]+>", " ", no_scripts)
    return re.sub(r"\s+", " ", html.unescape(no_tags)).strip()


def snippet(fragment: str, limit: int) -> str:
    """The first ``limit`` characters of the text, cut with "..." like Blogger's snippets."""
    text = text_of(fragment)
    return text if len(text) <= limit else text[:limit].rstrip() + "..."


def first_image(body_html: str) -> str | None:
    """``src`` of the first image of a body (og:image, thumbnails, JSON-LD image)."""
    match = re.search(r"<img\b[^>]*\bsrc=[\"']([^\"']+)", body_html)
    return match.group(1) if match else None
