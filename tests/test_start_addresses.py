"""End to end: any page of a blog archives the whole blog (its home, a post, a label page)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from archiver.demo.responses import Response
from tests.conftest import FAST, last_run, read_records, run_cli
from tests.sites import Wrapper, blogger_blog, post_paths


class WithoutRobots(Wrapper):
    """A copy of a blog served without Blogger's robots.txt (as saved copies and FTP-published blogs are):
    its label and search pages may be read."""

    def route(self, target: str, base_url: str) -> Response:
        if target == "/robots.txt":
            return Response(404, "text/plain", b"not found")
        return super().route(target, base_url)


def archived_paths(out: Path) -> list[str]:
    return sorted(urlsplit(r["canonical_url"]).path for r in read_records(out))


@pytest.mark.parametrize("robots", [True, False])
@pytest.mark.parametrize("start", ["label", "post"])
def test_a_label_or_post_page_of_a_blog_without_feed_archives_the_whole_blog(
        start: str, robots: bool, serve, tmp_path: Path) -> None:
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(blog if robots else WithoutRobots(blog))
    oldest = blog.ordered_posts[-1]
    label = next(p.labels[0] for p in blog.ordered_posts if p.labels)
    target = f"/search/label/{quote(label)}" if start == "label" else oldest.path
    result = run_cli("crawl", server.url(target), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    assert archived_paths(tmp_path) == sorted(post_paths(blog))
    report = last_run(tmp_path)["blogs"][0]
    assert report["complete"] and report["expected"] == len(blog.posts)
    if start == "label":
        # Blogger's robots.txt forbids /search: then the blog is read from its home page.
        assert (target in server.requests) is not robots
