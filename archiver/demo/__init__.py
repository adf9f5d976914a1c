"""Blogger site simulator: blog model, Blogger-like renderers, a local HTTP server and the bundled sample blog."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archiver.demo.sample import generate_site, sample_site
    from archiver.demo.server import BlogServer
    from archiver.demo.site import FRENCH_STRINGS, BlogSite, Comment, Page, Post, Strings, route

# Exports resolve lazily so that `python -m archiver.demo.server` does not import the server module twice.
_EXPORTS = {
    "generate_site": "sample", "sample_site": "sample", "BlogServer": "server", "FRENCH_STRINGS": "site",
    "BlogSite": "site", "Comment": "site", "Page": "site", "Post": "site", "Strings": "site", "route": "site",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'archiver.demo' has no attribute {name!r}")
    return getattr(importlib.import_module(f"archiver.demo.{_EXPORTS[name]}"), name)
