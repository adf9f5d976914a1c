"""Scrapy components on their own: the User-Agent, back-off, and a page that fails to extract."""

from __future__ import annotations

import asyncio
import gc
import json
import weakref
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Request
from scrapy.robotstxt import ProtegoRobotParser

from archiver import __version__
from archiver.demo.sample import sample_site
from archiver.items import PageSnapshot
from archiver.middlewares import ContactUserAgentMiddleware, HostDelayMiddleware, ReleaseParsedPageMiddleware, _retry_after
from archiver.pipelines.extract import ExtractPipeline
from archiver.session import CrawlSession
from tests.conftest import FAST, archiver_crawler, read_records, run_cli


def test_user_agent_names_archiver_and_the_contact() -> None:
    crawler = archiver_crawler({
        "ARCHIVER_USER_AGENT": "archiver/{version} (+{contact})",
        "ARCHIVER_CONTACT_URL": "mailto:team@example.org",
    })
    middleware = ContactUserAgentMiddleware.from_crawler(crawler)
    request = Request("https://example.org/")
    middleware.process_request(request)
    assert request.headers[b"User-Agent"] == f"archiver/{__version__} (+mailto:team@example.org)".encode()


def test_a_hosts_delay_from_the_sources_file_is_a_floor_autothrottle_keeps() -> None:
    crawler = archiver_crawler({"DOWNLOAD_SLOTS": {"harbour.example": {"delay": 2.0}}})
    middleware = HostDelayMiddleware.from_crawler(crawler)
    slow, other = Request("https://harbour.example/a"), Request("https://other.example/a")
    middleware.process_request(slow)
    middleware.process_request(other)
    assert slow.meta.get("autothrottle_dont_adjust_delay") is True
    assert "autothrottle_dont_adjust_delay" not in other.meta


def test_a_crawl_delay_for_archiver_becomes_the_hosts_floor() -> None:
    crawler = archiver_crawler({"ROBOTSTXT_USER_AGENT": "archiver", "AUTOTHROTTLE_MAX_DELAY": 60})
    middleware = HostDelayMiddleware.from_crawler(crawler)
    robots = b"User-agent: archiver\nCrawl-delay: 5\n\nUser-agent: *\nCrawl-delay: 1\n"
    parser = ProtegoRobotParser(robots, None)
    crawler.signals.send_catch_log(signal=signals.robots_parsed, robotparser=parser,
                                   request=Request("https://harbour.example/robots.txt"))
    assert middleware.floors == {"harbour.example": 5.0}


def test_retry_after_in_seconds_and_as_a_date() -> None:
    def response(value: str) -> HtmlResponse:
        return HtmlResponse("https://example.org/", status=429, headers={"Retry-After": value})

    assert _retry_after(response("120")) == 120.0
    assert _retry_after(response("Wed, 21 Oct 2015 07:28:00 GMT")) == 0.0  # a date in the past: no wait
    assert _retry_after(response("soon")) is None


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_pages_parsed_tree_is_freed_when_its_callback_is_done(kind: str) -> None:
    # A response and its selector hold each other: without the middleware the tree waits for the cycle
    # collector (switched off here), however long the crawl goes on.
    response = HtmlResponse("https://harbour.example/cranes", body=b"<html><body><p>Cranes</p></body></html>",
                            encoding="utf-8")
    assert response.xpath("//p/text()").get() == "Cranes"
    selector = weakref.ref(response.selector)
    middleware = ReleaseParsedPageMiddleware()
    gc.disable()
    try:
        if kind == "sync":
            assert list(middleware.process_spider_output(response, iter(["item"]))) == ["item"]
        else:
            async def output():
                yield "item"

            async def consume(page: HtmlResponse) -> list[str]:
                return [o async for o in middleware.process_spider_output_async(page, output())]

            assert asyncio.run(consume(response)) == ["item"]
        del response
        assert selector() is None
    finally:
        gc.enable()


def test_a_page_that_fails_to_extract_is_counted_and_dropped(tmp_path: Path) -> None:
    crawler = archiver_crawler({"ARCHIVER_EXTRACT_WORKERS": 1, "ARCHIVER_OUTPUT_DIR": str(tmp_path),
                                "ARCHIVER_WARC_ENABLED": False})
    session = crawler.get_extension(CrawlSession)
    assert session is not None and (tmp_path / "state.sqlite").exists()
    pipeline = ExtractPipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    pipeline.open_spider()
    broken = PageSnapshot(url="https://example.org/2022/01/a.html", final_url="https://example.org/2022/01/a.html",
                          html="", http_status=200, fetched_at=datetime.now(timezone.utc), source="example.org",
                          platform="blogger")
    good = PageSnapshot(url="https://example.org/2022/01/b.html", final_url="https://example.org/2022/01/b.html",
                        html="<html><body><article><p>" + "Words of a post. " * 40 + "</p></article></body></html>",
                        http_status=200, fetched_at=datetime.now(timezone.utc), source="example.org", platform="generic")
    try:
        with pytest.raises(DropItem):
            asyncio.run(pipeline.process_item(broken))
        assert asyncio.run(pipeline.process_item(good)).extracted["body"].startswith("Words of a post.")
    finally:
        pipeline.close_spider()
        session.spider_closed("finished")
    assert crawler.stats.get_value("archiver/extract/failed") == 1
    assert crawler.stats.get_value("archiver/extract/ok") == 1
    # The session keeps the failure for the run's summary, and its report names it.
    assert [url for url, _ in session.failed_posts] == [broken.url]
    report = json.loads((tmp_path / "runs" / f"{session.run_id}.json").read_text())
    assert report["failures"][0]["url"] == broken.url and report["exit_code"] == 1


def test_an_overloaded_post_is_retried_then_reported(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    failing = site.posts[-1].path
    server.errors[failing] = 503
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "-v",
                     "--set", "ARCHIVER_BACKOFF_BASE=0.01", "--set", "RETRY_TIMES=2",
                     "--set", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 1
    assert [r for r in server.requests if r == failing] == [failing] * 3  # first try and two retries
    assert "answered 503: waiting" in result.stderr
    assert f"failed: {server.url(failing)}: answered HTTP 503" in result.stdout
    assert len(read_records(tmp_path)) == len(site.posts) - 1


def test_in_a_run_one_post_under_two_addresses_is_kept_once_and_two_short_posts_alike_twice() -> None:
    from archiver.pipelines.versions import VersionsPipeline
    from tests.test_store import record

    pipeline = VersionsPipeline(archiver_crawler())
    first = record("https://blog.example.org/2009/09/28/the-same/", "2009-09-28T10:00:00Z", body="Same seven words in both posts here.")
    assert pipeline.process_item(first) is first
    # The same post at an old address (same title, date and text): a duplicate.
    moved = record("https://blog.example.org/2009/09/the-same/", "2009-09-28T10:00:00Z", body="Same seven words in both posts here.")
    with pytest.raises(DropItem, match="duplicate of a post already archived"):
        pipeline.process_item(moved)
    # Another post of the same title and text, a month later: a post of its own.
    later = record("https://blog.example.org/2009/10/26/the-same-2/", "2009-10-26T10:00:00Z", body="Same seven words in both posts here.")
    assert pipeline.process_item(later) is later
