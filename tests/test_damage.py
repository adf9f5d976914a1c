"""A damaged record file is named, skipped by readers, set aside by the next crawl and its posts stored again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq

from archiver.damage import check_archive, set_aside_name
from archiver.dataset import open_archive
from archiver.demo.sample import sample_site
from tests.conftest import FAST, last_run, read_records, run_cli


def _record_files(out: Path) -> list[Path]:
    return sorted(p for p in (out / "records").glob("source=*/year=*/*.parquet") if not p.name.startswith("_"))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a copy cut short: the footer is gone


def _crawled(serve, out: Path) -> tuple[str, int]:
    server = serve(sample_site())
    assert run_cli("crawl", server.url("/"), "--out", str(out), *FAST).returncode == 0
    return server.url("/"), len(read_records(out))


def _ids(out: Path) -> set[str]:
    return {row["id"] for path in _record_files(out) for row in pq.read_table(path, columns=["id"]).to_pylist()}


def test_readers_skip_a_damaged_record_file_name_it_and_exit_1(serve, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _crawled(serve, out)
    files = _record_files(out)
    assert len(files) >= 2, "the sample blog spans several years: one file per year"
    damaged, kept = files[0], files[1:]
    lost = len(pq.read_table(damaged))
    _truncate(damaged)

    archive = open_archive(out)
    assert [file.path for file in archive.damaged] == [damaged]
    assert [file.path for file in archive.files] == kept

    stats = run_cli("stats", str(out))
    assert stats.returncode == 1 and "Traceback" not in stats.stderr
    assert str(damaged) in stats.stderr and "incomplete: 1 damaged record file left out" in stats.stderr

    export = run_cli("export", str(out), "--to", str(tmp_path / "dataset"))
    assert export.returncode == 1 and "Traceback" not in export.stderr
    manifest = json.loads((tmp_path / "dataset" / "manifest.json").read_text())
    assert manifest["damaged_record_files_left_out"] == [damaged.relative_to(out).as_posix()]
    assert manifest["records"] == sum(len(pq.read_table(path)) for path in kept)
    assert lost > 0

    dedupe = run_cli("dedupe", str(out))
    assert dedupe.returncode == 1 and "Traceback" not in dedupe.stderr

    reextract = run_cli("reextract", "--out", str(out))
    assert reextract.returncode == 2 and "Traceback" not in reextract.stderr
    assert f"record file {damaged} is damaged" in reextract.stderr


def test_check_reads_every_record_file_and_the_state(serve, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _crawled(serve, out)
    clean = run_cli("check", str(out))
    assert clean.returncode == 0, clean.stderr
    files = _record_files(out)
    assert f"{len(files)} of {len(files)} record files read whole; crawl state ok" in clean.stdout

    _truncate(files[-1])
    damaged = run_cli("check", str(out))
    assert damaged.returncode == 1 and "Traceback" not in damaged.stderr
    assert f"damaged: {files[-1]}" in damaged.stdout
    assert f"{len(files) - 1} of {len(files)} record files read whole" in damaged.stdout


def test_check_finds_a_damaged_state(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "state.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    report = check_archive(tmp_path)
    assert report.state_problem and not report.clean


def test_the_next_crawl_sets_a_damaged_file_aside_and_stores_its_posts_again(serve, tmp_path: Path) -> None:
    out = tmp_path / "out"
    url, count = _crawled(serve, out)
    before = _ids(out)
    damaged = _record_files(out)[0]
    lost = set(pq.read_table(damaged, columns=["id"]).column("id").to_pylist())
    _truncate(damaged)

    rerun = run_cli("crawl", url, "--out", str(out), *FAST)
    assert rerun.returncode == 0, rerun.stderr
    assert f"1 damaged record file set aside (renamed _*.damaged): {len(lost)} posts" in rerun.stdout
    assert not damaged.exists() and set_aside_name(damaged).exists()
    assert _ids(out) == before  # every post has a readable record again
    report = last_run(out)
    assert report["counts"]["archived"] == len(lost)
    assert report["damaged_files"]["posts_refetched"] == len(lost)
    assert run_cli("check", str(out)).returncode == 0


def test_recovery_survives_a_truncated_file_of_a_killed_run(serve, tmp_path: Path) -> None:
    out = tmp_path / "out"
    url, count = _crawled(serve, out)
    before = _ids(out)
    # The run wrote its files and was killed before it could book them: the state calls it running.
    run_id = last_run(out)["run_id"]
    with sqlite3.connect(out / "state.sqlite") as db:
        db.execute("UPDATE runs SET status = 'running' WHERE run_id = ?", (run_id,))
        db.execute("UPDATE posts SET content_hash = NULL")
    damaged = _record_files(out)[0]
    _truncate(damaged)

    rerun = run_cli("crawl", url, "--out", str(out), *FAST)
    assert rerun.returncode == 0 and "Traceback" not in rerun.stderr, rerun.stderr
    assert _ids(out) == before
