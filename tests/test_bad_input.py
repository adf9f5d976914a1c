"""Bad input on the command line and in sources files: one line naming what is wrong, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.sources import SourcesError, load_sources


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(("url", "says"), [
    ("http://[::1", "Invalid IPv6 URL"),
    ("http://127.0.0.1:99999/", "Port out of range"),
    ("http://127.0.0.1:abc/", "Port could not be cast"),
    ("ftp://example.org/", "expected something like https://"),
])
def test_a_bad_address_is_one_line_and_exit_2(url: str, says: str, tmp_path: Path) -> None:
    code, output = run("crawl", url, "--out", str(tmp_path))
    assert code == 2 and f"archiver: error: not a web address: {url!r}" in output and says in output


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--workers", "-3", "-3 is not in the range x>=1"),
    ("--delay", "inf", "inf is not in the range 0<=x<=3600"),
    ("--delay", "-1", "not in the range"),
    ("--set", "CONCURRENT_REQUESTS=abc", "CONCURRENT_REQUESTS must be a finite int, got 'abc'"),
    ("--set", "ROBOTSTXT_OBEY=maybe", "ROBOTSTXT_OBEY must be true or false"),
    ("--set", "ARCHIVER_WALK_MAX_PAGES=many", "ARCHIVER_WALK_MAX_PAGES must be a finite int"),
    ("--set", "DOWNLOAD_DELAY=nan", "DOWNLOAD_DELAY must be a finite float"),
])
def test_a_bad_option_value_is_refused_before_crawling(option: str, value: str, says: str, tmp_path: Path) -> None:
    code, output = run("crawl", "http://127.0.0.1:9/", "--out", str(tmp_path), option, value)
    assert code == 2 and says in output
    assert not (tmp_path / "state.sqlite").exists()  # nothing was started


@pytest.mark.parametrize(("content", "says"), [
    (b"", "cannot extract"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "is not an HTML page"),
])
def test_extract_of_an_empty_or_binary_file_is_one_line(content: bytes, says: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    code, output = run("extract", str(page))
    assert code == 2 and says in output


@pytest.mark.parametrize(("line", "says"), [
    ('url = "http://127.0.0.1:99999/"', "Port out of range"),
    ('url = "http://blog.example/"\ndelay = inf', "delay must be a finite non-negative number"),
    ('url = "http://blog.example/"\nlimit = -2', "limit must be a finite positive number"),
])
def test_a_sources_file_value_the_crawl_would_reject_fails_the_check(line: str, says: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(f"[[source]]\n{line}\n")
    with pytest.raises(SourcesError, match=says):
        load_sources(sources)
    code, output = run("sources", "check", "--sources", str(sources), "--offline")
    assert code == 2 and says in output
