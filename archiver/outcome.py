"""How a crawl ended: its counts from the crawl's stats, its status and its exit code."""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_INPUT = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the folder; cron may simply try again later
EXIT_INTERRUPTED = 130


def crawl_counts(stats: dict[str, Any], failures: int) -> dict[str, int]:
    """The numbers a crawl's summary shows, from Scrapy's stats."""
    counts = {
        "found": stats.get("archiver/posts/found", 0),
        "fetched": stats.get("archiver/extract/ok", 0) + stats.get("archiver/extract/failed", 0),
        "unchanged": stats.get("archiver/posts/unchanged", 0),
        "archived": stats.get("archiver/store/records", 0),
        "new_versions": stats.get("archiver/dedupe/new_version", 0),
        "skipped": stats.get("archiver/dedupe/dropped", 0),
        "failed": failures,
        "missing": stats.get("archiver/posts/missing", 0),
        "out_of_range": stats.get("archiver/posts/out_of_range", 0),
        "forbidden": stats.get("archiver/posts/forbidden", 0),  # by the site's robots.txt
        "listing_pages": stats.get("archiver/listings/fetched", 0),
        "files": stats.get("archiver/store/files", 0),
        # exceptions raised in archiver's own code (callbacks, pipelines, judging listings): bugs, never expected
        "errors": stats.get("archiver/errors", 0),
    }
    # Posts found that a run stopped early (a time limit, a full disk, Ctrl-C) never reached: neither
    # stored, unchanged, set aside as a duplicate or out of range or forbidden, nor named as failed.
    settled = ("archived", "unchanged", "skipped", "failed", "out_of_range", "forbidden")
    counts["not_reached"] = max(0, counts["found"] - sum(counts[name] for name in settled))
    return counts


def cut_short(finish_reason: str) -> bool:
    """The crawl stopped before its work was done, not by the user: a time or memory limit."""
    return finish_reason not in ("finished", "shutdown", "")


def exit_code(blog_errors: int, interrupted: bool, failed: int) -> int:
    """0 all well, 1 some posts failed, an archive is incomplete or a page raised an error in archiver's
    own code (``failed`` counts them all), 2 a blog could not be crawled, 130 interrupted."""
    if blog_errors:
        return EXIT_INPUT
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_SOME_FAILED if failed else EXIT_OK


def status_of(finish_reason: str, blog_errors: int) -> str:
    if finish_reason == "shutdown":
        return "interrupted"
    if finish_reason != "finished" or blog_errors:
        return "failed"
    return "finished"
