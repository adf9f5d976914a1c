"""The base of every simulated flaw: a site that answers as the site it wraps, except where a subclass says."""

from __future__ import annotations

from archiver.demo.responses import Response


class Wrapper:
    """Answers every request as the wrapped site does; subclasses change some answers. Wrappers compose:
    ``LinkedFromNowhere(FeedFailsPastFirstPage(blog, 500))``."""

    def __init__(self, site: object) -> None:
        self.site = site

    @property
    def server_software(self) -> str | None:  # the Server header BlogServer sends (Blogger's "GSE" by default)
        return getattr(self.site, "server_software", None)

    def route(self, target: str, base_url: str) -> Response:
        return self.site.route(target, base_url)  # type: ignore[attr-defined]
