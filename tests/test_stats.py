"""archiver stats: posts per source and month, field coverage, duplicate counts, the plot."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from archiver.clusters import dedupe
from archiver.stats import archive_stats, format_stats
from tests.conftest import run_cli
from tests.dedupe_cases import make_record, write_archive, write_piece

T0 = datetime(2023, 1, 20, 12, 0, tzinfo=timezone.utc)


def body(seed: int) -> str:
    return "\n\n".join(write_piece("shipping", seed, 4))


def archive(out: Path) -> None:
    write_archive(out, [
        make_record("https://a.example.org/2023/01/1.html", "a", "One", body(1), T0, byline=["Miriam Castellanos"],
                    captions=[{"text": "Ships.", "credit": "AFP", "image_url": None}]),
        make_record("https://a.example.org/2023/01/2.html", "a", None, body(2), T0 + timedelta(days=5)),
        make_record("https://a.example.org/2023/03/3.html", "a", "Three", body(3), T0 + timedelta(days=45)),
        make_record("https://a.example.org/p/4.html", "a", "Four", None, None),
        make_record("https://b.example.org/2023/01/1.html", "b", "One", body(1), T0 + timedelta(days=1)),
        make_record("https://b.example.org/2023/03/5.html", "b", "Five",
                    body(2) + "\n\nShare this post with your friends.", T0 + timedelta(days=50)),
    ], "run-1")
    # a second capture of a post with changed text counts once
    write_archive(out, [make_record("https://a.example.org/2023/03/3.html", "a", "Three", body(9),
                                    T0 + timedelta(days=45), run_id="run-2", version=2)], "run-2")


def test_stats_count_posts_coverage_and_duplicates(tmp_path: Path) -> None:
    archive(tmp_path)
    stats = archive_stats(tmp_path)
    assert stats.stored == 7 and stats.records == 6 and stats.sources == ["a", "b"]
    assert stats.per_month == {("a", "2023-01"): 2, ("a", "2023-03"): 1, ("a", "undated"): 1,
                               ("b", "2023-01"): 1, ("b", "2023-03"): 1}
    assert stats.months == ["2023-01", "2023-03", "undated"]
    assert stats.coverage == {"title": 5, "byline": 1, "date": 5, "original date": 0, "captions": 1, "body": 5,
                              "language": 6}
    assert stats.repeated_texts == 1 and stats.clusters_state == "missing"
    text = format_stats(stats)
    assert "6 posts from 2 sources (1 older versions or repeated captures not counted)" in text
    assert "  2023-01       2       1        3" in text
    assert "  body             83.3%  (5)" in text
    assert "near-duplicates: not measured (run archiver dedupe)" in text

    dedupe(tmp_path)
    after = archive_stats(tmp_path)
    assert after.clusters_state == "current" and after.clusters == 2
    assert (after.exact_duplicates, after.near_duplicates) == (1, 1)
    assert "clusters of the same piece: 2; duplicates in them: 2 (1 exact, 1 near)" in format_stats(after)
    only_b = archive_stats(tmp_path, sources=["b"])
    assert only_b.records == 2 and only_b.sources == ["b"]


def test_the_command_prints_and_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    archive(tmp_path / "out")
    png = tmp_path / "posts.png"
    result = run_cli("stats", str(tmp_path / "out"), "--plot", str(png))
    assert result.returncode == 0, result.stderr
    assert "posts per month" in result.stdout and "field coverage" in result.stdout and "duplicates" in result.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    bad = run_cli("stats", str(tmp_path / "out"), "--plot", str(tmp_path / "posts.pdf"))
    assert bad.returncode == 2 and bad.stderr.strip().endswith("is not a .png file name")
    unknown = run_cli("stats", str(tmp_path / "out"), "--source", "c")
    assert unknown.stderr.strip() == "archiver: error: unknown source 'c' (this archive has: a, b)"
    assert "Example:" in run_cli("stats", "--help").stdout


def test_a_record_file_from_before_a_column_was_added_reads_as_null(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    archive(tmp_path)
    for path in (tmp_path / "records").rglob("*.parquet"):
        table = pq.read_table(path)
        pq.write_table(table.drop_columns(["warc_file", "tags"]), path)  # as if written by an older archiver
    stats = archive_stats(tmp_path)
    assert stats.records == 6 and stats.coverage["body"] == 5
    # a file without a column every record file has is not a record file
    path = next((tmp_path / "records").rglob("*.parquet"))
    pq.write_table(pq.read_table(path).drop_columns(["content_hash"]), path)
    result = run_cli("stats", str(tmp_path))
    assert result.returncode == 2 and "is not an archiver record file (no column 'content_hash')" in result.stderr
