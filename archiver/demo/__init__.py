"""Blog site simulators (Blogger, WordPress, Substack, generic sites), a local HTTP server and sample sites."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archiver.demo.sample import generate_site, sample_site
    from archiver.demo.server import BlogServer
    from archiver.demo.generic import GenericPost, GenericSite
    from archiver.demo.platform_samples import (
        EXPECTED_GENERIC, EXPECTED_SUBSTACK, EXPECTED_WORDPRESS, sample_generic, sample_substack, sample_wordpress,
    )
    from archiver.demo.site import FRENCH_STRINGS, BlogSite, Comment, Page, Post, Response, Strings, route
    from archiver.demo.substack import SubstackAuthor, SubstackPost, SubstackSite
    from archiver.demo.wordpress import WordPressSite, WPComment, WPImage, WPPost

# Exports resolve lazily so that `python -m archiver.demo.server` does not import the server module twice.
_EXPORTS = {
    "generate_site": "sample", "sample_site": "sample", "BlogServer": "server", "FRENCH_STRINGS": "site",
    "BlogSite": "site", "Comment": "site", "Page": "site", "Post": "site", "Strings": "site", "route": "site",
    "Response": "site", "WordPressSite": "wordpress", "WPPost": "wordpress", "WPImage": "wordpress",
    "WPComment": "wordpress", "SubstackSite": "substack", "SubstackPost": "substack", "SubstackAuthor": "substack",
    "GenericSite": "generic", "GenericPost": "generic", "sample_wordpress": "platform_samples",
    "sample_substack": "platform_samples", "sample_generic": "platform_samples",
    "EXPECTED_WORDPRESS": "platform_samples", "EXPECTED_SUBSTACK": "platform_samples",
    "EXPECTED_GENERIC": "platform_samples",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'archiver.demo' has no attribute {name!r}")
    return getattr(importlib.import_module(f"archiver.demo.{_EXPORTS[name]}"), name)
