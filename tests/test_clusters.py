"""archiver dedupe: the labelled near-duplicate set, canonical records, incremental runs, bad input."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from archiver.clusters import DEFAULT_THRESHOLD, dedupe, minhash, overlap, read_clusters, shingle_hashes
from archiver.errors import InputError
from tests.conftest import run_cli
from tests.dedupe_cases import (
    BLOG_FOOTER,
    labelled_archive,
    labelled_cases,
    make_record,
    pair_scores,
    write_archive,
    write_piece,
)

T0 = datetime(2023, 5, 1, 8, 0, tzinfo=timezone.utc)


def clusters_by_id(out: Path) -> dict[str, dict]:
    table = read_clusters(out)
    assert table is not None
    return {row["id"]: row for row in table.to_pylist()}


def files_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def piece(topic: str, seed: int, paragraphs: int = 6) -> str:
    return "\n\n".join(write_piece(topic, seed, paragraphs))


# ------------------------------------------------------------------------------------------------
# The labelled set


def test_the_labelled_set_is_clustered_with_precision_and_recall_of_at_least_95_percent(tmp_path: Path) -> None:
    cases, records = labelled_archive(tmp_path)
    kinds = Counter(case.kind for case in cases)
    # the set holds every kind of repost and of distinct-but-similar piece
    assert set(kinds) == {"original", "retitled", "trimmed", "typo", "mixed", "self_repost", "sibling", "follow_up"}
    labels = {record.id: case.label for case, record in zip(cases, records)}
    assert len(labels) == len(cases)
    same = sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())
    assert same >= 150 and len(cases) >= 70

    report = dedupe(tmp_path)
    assert report.threshold == DEFAULT_THRESHOLD
    clusters = clusters_by_id(tmp_path)
    precision, recall = pair_scores(labels, {i: row["cluster_id"] for i, row in clusters.items()})
    assert precision >= 0.95, precision
    assert recall >= 0.95, recall
    # every piece with reposts is one cluster whose canonical record is the earliest published copy
    by_label: dict[str, set[str]] = {}
    for record_id, label in labels.items():
        by_label.setdefault(label, set()).add(clusters[record_id]["cluster_id"])
    pieces = [label for label in by_label if Counter(labels.values())[label] > 1]
    assert pieces and all(len(by_label[label]) == 1 for label in pieces)
    for label in pieces:
        members = [r for r in records if labels[r.id] == label]
        earliest = min(members, key=lambda r: r.published)
        assert clusters[earliest.id]["is_canonical"] and clusters[earliest.id]["cluster_id"] == earliest.id
        assert sum(clusters[r.id]["is_canonical"] for r in members) == 1
    # the distinct pieces (siblings, follow-ups quoting a paragraph) stay alone
    for case, record in zip(cases, records):
        if case.kind in ("sibling", "follow_up"):
            assert clusters[record.id]["cluster_size"] == 1, case.label
    # the report counts what the table holds
    assert report.records == len(cases) and report.clusters == len(pieces)
    assert report.exact_duplicates == kinds["self_repost"]
    assert report.duplicates == sum(1 for row in clusters.values() if row["cluster_size"] > 1 and not row["is_canonical"])


def test_similarity_measures_the_shorter_text_against_the_canonical(tmp_path: Path) -> None:
    full = piece("climate", 7, paragraphs=10)
    paragraphs = full.split("\n\n")
    trimmed = "\n\n".join(paragraphs[:6])  # the ending cut off: all of it is in the original
    padded = "\n\n".join([*paragraphs, BLOG_FOOTER["asia-notes"]])
    write_archive(tmp_path, [
        make_record("https://a.example.org/2023/05/x.html", "a", "X", full, T0),
        make_record("https://b.example.org/2023/05/x.html", "b", "X (repost)", trimmed, T0 + timedelta(hours=3)),
        make_record("https://c.example.org/2023/05/x.html", "c", "X", padded, T0 + timedelta(hours=4)),
        make_record("https://c.example.org/2023/05/y.html", "c", "X", full, T0 + timedelta(days=2)),
    ])
    dedupe(tmp_path)
    rows = {row["source"] + row["id"][:4]: row for row in clusters_by_id(tmp_path).values()}
    table = read_clusters(tmp_path)
    assert table.schema.metadata[b"archiver.clusters.threshold"] == b"0.7"
    by_source = {}
    for row in table.to_pylist():
        by_source.setdefault(row["source"], []).append(row)
    canonical = by_source["a"][0]
    assert canonical["is_canonical"] and canonical["similarity"] == 1.0 and canonical["match"] is None
    assert by_source["b"][0]["match"] == "near_duplicate" and by_source["b"][0]["similarity"] >= 0.9
    assert by_source["c"][0]["cluster_id"] == canonical["id"] and len(rows) == 4
    matches = sorted(r["match"] for r in by_source["c"])
    assert matches == ["content_hash", "near_duplicate"]
    assert {r["similarity"] for r in by_source["c"] if r["match"] == "content_hash"} == {1.0}


def test_the_overlap_estimate_is_close_to_the_true_share_of_5_grams() -> None:
    words = piece("shipping", 3, paragraphs=12).split()
    half = " ".join(words[: len(words) // 2])
    other = piece("elections", 4, paragraphs=6)
    bodies = pa.array([" ".join(words), half, other])
    shingles, counts = shingle_hashes(bodies)
    signatures = minhash(shingles, counts)
    assert list(counts) == [len(words) - 4, len(words) // 2 - 4, len(other.split()) - 4]
    estimate = overlap(signatures[[0, 0]], signatures[[1, 2]], counts[[0, 0]], counts[[1, 2]])
    assert estimate[0] > 0.85  # the first half is all in the whole (estimated from 128 hashes)
    assert estimate[1] < 0.2  # another topic shares hardly a 5-gram
    # the same text gives the same signature in any batch: the index can be reused across runs
    again = minhash(*shingle_hashes(pa.array([half])))
    assert np.array_equal(again[0], signatures[1])


def test_the_original_outlets_copy_is_canonical_even_when_a_repost_is_dated_earlier(tmp_path: Path) -> None:
    body = piece("elections", 11)
    original = make_record("https://opinion.example.com/2023/05/vote.html", "opinion.example.com", "Vote",
                           body, T0 + timedelta(days=1))
    repost = make_record("https://reader.blogspot.com/2023/05/vote.html", "reader", "Vote!", body, T0)
    repost.original_url = "https://opinion.example.com/2023/05/vote.html?utm_source=x"
    write_archive(tmp_path, [original, repost])
    dedupe(tmp_path)
    rows = clusters_by_id(tmp_path)
    assert rows[original.id]["is_canonical"] and not rows[repost.id]["is_canonical"]
    assert rows[repost.id]["cluster_id"] == original.id and rows[repost.id]["match"] == "content_hash"


# ------------------------------------------------------------------------------------------------
# Incremental runs


def test_a_rerun_compares_only_the_new_records_and_agrees_with_a_fresh_run(tmp_path: Path) -> None:
    cases = labelled_cases()
    from tests.dedupe_cases import case_record

    records = [case_record(case, i) for i, case in enumerate(cases)]
    first, second = records[::2], records[1::2]
    out = tmp_path / "out"
    write_archive(out, first, "run-1")
    report1 = dedupe(out)
    assert report1.rebuilt and report1.indexed_texts == 0
    assert report1.new_texts == len({r.content_hash for r in first})
    records_before = files_digest(out / "records")

    write_archive(out, second, "run-2")
    records_after_crawl = files_digest(out / "records")
    report2 = dedupe(out)
    assert not report2.rebuilt
    assert report2.indexed_texts == report1.new_texts
    assert report2.new_texts == len({r.content_hash for r in records}) - report1.new_texts
    # dedupe never writes among the records
    assert files_digest(out / "records") == records_after_crawl
    assert set(records_before) < set(records_after_crawl)

    # a third run with nothing new signs nothing and checks no pair
    report3 = dedupe(out)
    assert report3.new_texts == 0 and report3.compared_pairs == 0

    fresh = tmp_path / "fresh"
    write_archive(fresh, records, "run-1")
    dedupe(fresh)
    assert clusters_by_id(out) == clusters_by_id(fresh)


def test_a_new_version_of_a_post_replaces_the_old_one_in_the_clusters(tmp_path: Path) -> None:
    shared = piece("climate", 21)
    a = make_record("https://a.example.org/2023/05/p.html", "a", "P", shared, T0)
    b1 = make_record("https://b.example.org/2023/05/p.html", "b", "P", shared, T0 + timedelta(days=1))
    write_archive(tmp_path, [a, b1], "run-1")
    dedupe(tmp_path)
    assert clusters_by_id(tmp_path)[b1.id]["cluster_id"] == a.id

    b2 = make_record("https://b.example.org/2023/05/p.html", "b", "P", piece("shipping", 22), T0 + timedelta(days=1),
                     run_id="run-2", version=2, fetched_at=datetime(2024, 2, 1, tzinfo=timezone.utc))
    write_archive(tmp_path, [b2], "run-2")
    report = dedupe(tmp_path)
    rows = clusters_by_id(tmp_path)
    assert report.stored == 3 and report.records == 2 and report.new_texts == 1
    assert rows[b2.id]["version"] == 2 and rows[b2.id]["cluster_size"] == 1 and rows[b2.id]["is_canonical"]
    assert rows[a.id]["cluster_size"] == 1


def test_a_changed_threshold_reuses_the_index(tmp_path: Path) -> None:
    labelled_archive(tmp_path)
    strict = dedupe(tmp_path, threshold=0.95)
    loose = dedupe(tmp_path, threshold=0.6)
    assert loose.new_texts == 0 and loose.compared_pairs == 0
    assert loose.duplicates > strict.duplicates
    assert read_clusters(tmp_path).schema.metadata[b"archiver.clusters.threshold"] == b"0.6"
    with pytest.raises(InputError, match="--threshold must be between 0.5 and 1.0"):
        dedupe(tmp_path, threshold=0.2)


def test_the_index_survives_chunking_and_finds_pairs_across_chunks(tmp_path: Path) -> None:
    labelled_archive(tmp_path / "one")
    dedupe(tmp_path / "one")
    shutil.copytree(tmp_path / "one" / "records", tmp_path / "many" / "records")
    dedupe(tmp_path / "many", chunk_size=7)  # eleven chunks, each compared with those before it
    assert clusters_by_id(tmp_path / "one") == clusters_by_id(tmp_path / "many")
    assert len(list((tmp_path / "many" / "clusters" / "signatures").glob("part-*.parquet"))) == 10


# ------------------------------------------------------------------------------------------------
# The command


def test_the_command_prints_what_it_found(tmp_path: Path) -> None:
    labelled_archive(tmp_path)
    result = run_cli("dedupe", str(tmp_path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^75 posts in .*; 69 distinct bodies$", out, re.MULTILINE)
    assert "index built: 69 new bodies compared with 0 already indexed" in out
    assert "12 clusters of the same piece hold 66 posts: 54 duplicates (6 exact copies, 48 near-duplicates)" in out
    assert "largest clusters:" in out and '6 posts on 3 sources: "' in out
    assert f"clusters: {tmp_path / 'clusters' / 'clusters.parquet'} (threshold 0.7" in out
    again = run_cli("dedupe", str(tmp_path), "--threshold", "0.9")
    assert "index updated: 0 new bodies compared with 69 already indexed (0 candidate pairs checked)" in again.stdout
    assert "Example:" in run_cli("dedupe", "--help").stdout


@pytest.mark.parametrize("setup, message", [
    ("missing", "no such folder"),
    ("empty", "is not an archiver output folder (it has no records/ folder)"),
    ("no-files", "is not an archiver output folder (no record files in"),
    ("foreign", "is not an archiver record file (no archiver schema in its metadata)"),
    ("stray", "does not belong in an archive's records/ folder"),
])
def test_bad_input_gets_one_line_and_exit_2(tmp_path: Path, setup: str, message: str) -> None:
    out = tmp_path / "out"
    if setup != "missing":
        out.mkdir()
    if setup != "missing" and setup != "empty":
        (out / "records").mkdir()
    if setup in ("foreign", "stray"):
        write_archive(out, [make_record("https://a.example.org/2023/05/p.html", "a", "P", piece("climate", 1), T0)])
        folder = out / "records" / "source=a" / "year=2023"
        if setup == "foreign":
            pq.write_table(pa.table({"id": ["x"], "text": ["y"]}), folder / "part-x-00002.parquet")
        else:
            (out / "records" / "notes.txt").write_text("hello")
    for command in (["dedupe", str(out)], ["stats", str(out)], ["export", str(out), "--to", str(tmp_path / "ds")]):
        result = run_cli(*command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("archiver: error: ") and message in lines[0], lines
    assert not (tmp_path / "ds").exists()


def test_the_command_documents_the_librarys_threshold() -> None:
    import archiver.clusters as library
    from archiver import cli_dataset

    assert (cli_dataset.DEFAULT_THRESHOLD, cli_dataset.EDGE_FLOOR) == (library.DEFAULT_THRESHOLD, library.EDGE_FLOOR)


def test_a_bad_threshold_is_one_line(tmp_path: Path) -> None:
    write_archive(tmp_path, [make_record("https://a.example.org/2023/05/p.html", "a", "P", "Some words.", T0)])
    result = run_cli("dedupe", str(tmp_path), "--threshold", "1.5")
    assert result.returncode == 2
    assert result.stderr.strip() == "archiver: error: --threshold must be between 0.5 and 1.0, got 1.5"
