"""archiver export: a dataset folder that pyarrow, pandas and DuckDB load, byte for byte reproducible."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from archiver.damage import check_archive
from archiver.dataset import Filters, open_archive, parse_day
from archiver.clusters import dedupe
from archiver.errors import InputError
from archiver.export import COLUMN_DESCRIPTIONS, export
from archiver.stats import archive_stats
from archiver.store import RecordStore
from tests.conftest import FAST, run_cli
from tests.dedupe_cases import case_record, labelled_archive, labelled_cases, make_record, write_archive, write_piece

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

T0 = datetime(2022, 12, 30, 12, 0, tzinfo=timezone.utc)


def small_archive(out: Path) -> list:
    """Two sources over two years, an undated post, a German post, and a post in two versions."""
    body = lambda seed: "\n\n".join(write_piece("elections", seed, 4))
    records = [
        make_record("https://a.example.org/2022/12/one.html", "a", "One", body(1), T0,
                    captions=[{"text": "A crowd.", "credit": "AP", "image_url": None}], byline=["Ana Lindqvist"]),
        make_record("https://a.example.org/2023/01/two.html", "a", "Two", body(2), T0 + timedelta(days=3)),
        make_record("https://a.example.org/p/undated.html", "a", None, body(3), None),
        make_record("https://b.example.org/2023/01/drei.html", "b", "Drei", body(4), T0 + timedelta(days=5),
                    language="de"),
        make_record("https://b.example.org/2023/02/copy.html", "b", "Two again", body(2), T0 + timedelta(days=40)),
        make_record("https://b.example.org/2023/02/old.html", "b", "Old", body(5), T0 + timedelta(days=41)),
    ]
    write_archive(out, records, "run-1")
    newer = make_record("https://b.example.org/2023/02/old.html", "b", "New", body(6), T0 + timedelta(days=41),
                        run_id="run-2", version=2, fetched_at=datetime(2024, 3, 1, tzinfo=timezone.utc))
    write_archive(out, [newer], "run-2")
    return records + [newer]


def all_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def card_table(card: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table that starts with ``header`` in the card."""
    lines = card.splitlines()
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_a_parquet_export_loads_with_pyarrow_pandas_and_duckdb(tmp_path: Path) -> None:
    records = small_archive(tmp_path / "out")
    dedupe(tmp_path / "out")
    report = export(tmp_path / "out", tmp_path / "ds")
    assert report.records == 6 and report.deduplicated
    expected_ids = sorted({r.id for r in records})

    table = ds.dataset(tmp_path / "ds" / "data", format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("id").to_pylist()) == expected_ids
    rows = {r["id"]: r for r in table.to_pylist()}
    newest = records[-1]
    assert rows[newest.id]["version"] == 2 and rows[newest.id]["title"] == "New"  # the current version only
    assert rows[records[0].id]["captions"] == [{"text": "A crowd.", "credit": "AP", "image_url": None}]
    assert rows[records[2].id]["year"] is None and rows[records[0].id]["year"] == 2022
    # the repost of "Two" on source b is one piece with it
    assert rows[records[4].id]["cluster_id"] == records[1].id and rows[records[4].id]["match"] == "content_hash"

    frame = pd.read_parquet(tmp_path / "ds" / "data")
    assert len(frame) == 6 and sorted(frame["id"]) == expected_ids
    assert frame.groupby("source", observed=True).size().to_dict() == {"a": 3, "b": 3}

    glob = str(tmp_path / "ds" / "data" / "**" / "*.parquet")
    got = duckdb.sql(f"SELECT source, count(*), sum(is_canonical::int) FROM read_parquet('{glob}', "
                     "hive_partitioning=true) GROUP BY 1 ORDER BY 1").fetchall()
    assert got == [("a", 3, 3), ("b", 3, 2)]

    # the manifest holds the SHA-256 of every file, and SHA256SUMS agrees
    manifest = json.loads((tmp_path / "ds" / "manifest.json").read_text())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(tmp_path / "ds").as_posix() for p in (tmp_path / "ds").rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest.json", "SHA256SUMS"}
    for path, entry in listed.items():
        assert hashlib.sha256((tmp_path / "ds" / path).read_bytes()).hexdigest() == entry["sha256"]
    assert sum(e["rows"] or 0 for e in listed.values()) == 6 and manifest["records"] == 6
    sums = dict(reversed(line.split("  ")) for line in (tmp_path / "ds" / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == on_disk - {"SHA256SUMS"}
    assert all(hashlib.sha256((tmp_path / "ds" / p).read_bytes()).hexdigest() == h for p, h in sums.items())


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    cases = labelled_cases()
    records = [case_record(case, i) for i, case in enumerate(cases)]
    write_archive(tmp_path / "one", records, "run-1")
    # the same records stored in another order and split into other files
    store_order = list(reversed(records))
    store = RecordStore(tmp_path / "two", "run-1")
    store.write(store_order[:30])
    store.write(store_order[30:])
    assert len(list((tmp_path / "two").rglob("*.parquet"))) == 6
    for archive in ("one", "two"):
        dedupe(tmp_path / archive)
    export(tmp_path / "one", tmp_path / "first")
    export(tmp_path / "one", tmp_path / "again")
    export(tmp_path / "two", tmp_path / "other-files")
    first = all_bytes(tmp_path / "first")
    assert first == all_bytes(tmp_path / "again") == all_bytes(tmp_path / "other-files")
    # and again with --overwrite, in every format
    for fmt in ("jsonl", "csv"):
        export(tmp_path / "one", tmp_path / fmt, format=fmt)
        before = all_bytes(tmp_path / fmt)
        export(tmp_path / "two", tmp_path / fmt, format=fmt, overwrite=True)
        assert all_bytes(tmp_path / fmt) == before


def test_the_card_describes_the_data(tmp_path: Path) -> None:
    small_archive(tmp_path / "out")
    dedupe(tmp_path / "out")
    export(tmp_path / "out", tmp_path / "ds")
    card = (tmp_path / "ds" / "README.md").read_text()
    header, body = card.split("---\n", 2)[1:]
    assert "configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: \"data/**/*.parquet\"" in header
    assert 'language:\n- "de"\n- "en"' in header and "size_categories:\n- n<1K" in header

    table = ds.dataset(tmp_path / "ds" / "data", format="parquet", partitioning="hive").to_table()
    rows = table.to_pylist()
    # counts per source and year
    counted = Counter((r["source"], str(r["year"]) if r["year"] is not None else "undated") for r in rows)
    in_card = {(s, y): int(n.replace(",", "")) for s, y, n in card_table(body, "| source | year | records |")}
    assert in_card == dict(counted)
    totals = {s: int(n.strip("*").replace(",", "")) for s, n in card_table(body, "| source | records |")}
    assert totals == {"a": 3, "b": 3, "**all**": 6}
    # field coverage
    coverage = {f.strip("`"): int(n) for f, n, _ in card_table(body, "| field | records | share |")}
    assert coverage["captions"] == sum(1 for r in rows if r["captions"])
    assert coverage["published"] == sum(1 for r in rows if r["published"]) == 5
    assert coverage["title"] == 5 and coverage["body"] == 6 and coverage["language"] == 6
    # every column is described, and the periods come from the data
    described = {c.strip("`") for c, _, _ in card_table(body, "| column | type | meaning |")}
    assert described == set(table.column_names) and described <= set(COLUMN_DESCRIPTIONS)
    assert "published from 2022-12-30 to 2023-02-09 (1 undated), captured from 2024-01-02 to 2024-03-01" in body
    assert "| `test-1` | 6 |" in body
    assert "similarity threshold: 0.7" in body and "clusters: 5; records with at least one duplicate: 2" in body
    for loader in ("pd.read_parquet", "pl.read_parquet", "duckdb.sql", "datasets."):
        assert loader in body


def test_every_column_has_a_description_for_the_card() -> None:
    from archiver.dataset import DATASET_SCHEMA

    assert set(DATASET_SCHEMA.names) <= set(COLUMN_DESCRIPTIONS)


def test_filters_select_what_they_say(tmp_path: Path) -> None:
    records = small_archive(tmp_path / "out")
    ids = {r.title or "untitled": r.id for r in records}

    def exported(name: str, **options) -> set[str]:
        export(tmp_path / "out", tmp_path / name, **options)
        table = ds.dataset(tmp_path / name / "data", format="parquet", partitioning="hive").to_table()
        return set(table.column("id").to_pylist())

    assert exported("b", filters=Filters(sources=["b"])) == {ids["Drei"], ids["Two again"], ids["New"]}
    assert exported("jan", filters=Filters(since=parse_day("2023-01", "--since"),
                                           until=parse_day("2023-01", "--until", end=True))) == {ids["Two"], ids["Drei"]}
    assert exported("de", filters=Filters(languages=["de"])) == {ids["Drei"]}
    with pytest.raises(InputError, match="--canonical-only needs the clusters"):
        export(tmp_path / "out", tmp_path / "x", canonical_only=True)
    dedupe(tmp_path / "out")
    canonical = exported("canonical", canonical_only=True)
    assert ids["Two again"] not in canonical and len(canonical) == 5
    with pytest.raises(InputError, match="no records match"):
        export(tmp_path / "out", tmp_path / "y", filters=Filters(languages=["fr"]))
    with pytest.raises(InputError, match="unknown source 'c'"):
        export(tmp_path / "out", tmp_path / "y", filters=Filters(sources=["c"]))
    # a crawl after the dedupe makes the clusters stale: canonical-only refuses, a plain export leaves them out
    write_archive(tmp_path / "out", [make_record("https://a.example.org/2023/03/n.html", "a", "N", "Fresh words here.",
                                                 T0 + timedelta(days=70))], "run-3")
    with pytest.raises(InputError, match="older than its records"):
        export(tmp_path / "out", tmp_path / "z", canonical_only=True)
    report = export(tmp_path / "out", tmp_path / "z")
    assert not report.deduplicated and report.records == 7


def test_jsonl_and_csv_exports_load_back(tmp_path: Path) -> None:
    records = small_archive(tmp_path / "out")
    for fmt in ("jsonl", "csv"):
        export(tmp_path / "out", tmp_path / fmt, format=fmt)
        files = sorted((tmp_path / fmt / "data").rglob(f"*.{fmt}"))
        glob = str(tmp_path / fmt / "data" / "**" / f"*.{fmt}")
        reader = "read_json" if fmt == "jsonl" else "read_csv"
        got = duckdb.sql(f"SELECT source, count(*) FROM {reader}('{glob}') GROUP BY 1 ORDER BY 1").fetchall()
        assert got == [("a", 3), ("b", 3)]
        if fmt == "jsonl":
            frame = pd.concat([pd.read_json(f, lines=True, dtype={"simhash": str}) for f in files])
            first = json.loads(files[0].read_text().splitlines()[0])
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["fetched_at"])
            assert isinstance(first["field_sources"], dict) and re.fullmatch(r"[0-9a-f]{16}", first["simhash"])
        else:
            frame = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files])
            row = next(csv.DictReader(files[0].open()))
            assert json.loads(row["byline"]) == ["Ana Lindqvist"] and json.loads(row["captions"])[0]["credit"] == "AP"
        assert sorted(frame["id"]) == sorted({r.id for r in records})


def test_an_existing_target_is_refused_unless_overwrite(tmp_path: Path) -> None:
    small_archive(tmp_path / "out")
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "thesis.tex").write_text("precious")
    result = run_cli("export", str(tmp_path / "out"), "--to", str(tmp_path / "ds"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"archiver: error: {tmp_path / 'ds'} already exists (pass --overwrite to replace it)"
    result = run_cli("export", str(tmp_path / "out"), "--to", str(tmp_path / "ds"), "--overwrite")
    assert result.returncode == 2 and "not an archiver export (no manifest.json); not replacing it" in result.stderr
    assert (tmp_path / "ds" / "thesis.tex").read_text() == "precious"
    ok = run_cli("export", str(tmp_path / "out"), "--to", str(tmp_path / "new"), "--format", "csv")
    assert ok.returncode == 0, ok.stderr
    assert "exported 6 posts from 2 sources" in ok.stdout
    again = run_cli("export", str(tmp_path / "out"), "--to", str(tmp_path / "new"), "--overwrite")
    assert again.returncode == 0 and list((tmp_path / "new" / "data").rglob("*.parquet"))
    assert not list((tmp_path / "new" / "data").rglob("*.csv")) and not list(tmp_path.glob(".new*"))
    inside = run_cli("export", str(tmp_path / "out"), "--to", str(tmp_path / "out" / "ds"))
    assert inside.returncode == 2 and "must be outside the archive" in inside.stderr
    bad = run_cli("export", str(tmp_path / "out"), "--to", str(tmp_path / "q"), "--until", "yesterday")
    assert bad.stderr.strip() == "archiver: error: --until: not a date: 'yesterday' (expected YYYY-MM-DD, YYYY-MM or YYYY)"
    assert "Example:" in run_cli("export", "--help").stdout


def test_a_crawled_demo_blog_dedupes_and_exports(tmp_path: Path, serve) -> None:
    from archiver.demo.sample import sample_site

    server = serve(sample_site())
    out = tmp_path / "out"
    crawl = run_cli("crawl", server.url("/"), "--out", str(out), *FAST)
    assert crawl.returncode == 0, crawl.stderr
    crawled = ds.dataset(out / "records", format="parquet", partitioning="hive").to_table()
    deduped = run_cli("dedupe", str(out))
    assert deduped.returncode == 0, deduped.stderr
    assert f"{crawled.num_rows} posts in {out}" in deduped.stdout
    stats = run_cli("stats", str(out))
    assert stats.returncode == 0 and f"{crawled.num_rows} posts from 1 source" in stats.stdout
    exported = run_cli("export", str(out), "--to", str(tmp_path / "ds"), "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for f in sorted((tmp_path / "ds" / "data").rglob("*.jsonl"))
             for line in f.read_text().splitlines()]
    assert sorted(r["id"] for r in lines) == sorted(crawled.column("id").to_pylist())
    assert {r["title"] for r in lines} == set(crawled.column("title").to_pylist())
    assert all(r["cluster_id"] for r in lines)


def test_the_labelled_set_exports_one_record_per_piece(tmp_path: Path) -> None:
    cases, _ = labelled_archive(tmp_path / "out")
    dedupe(tmp_path / "out")
    export(tmp_path / "out", tmp_path / "ds", canonical_only=True)
    table = ds.dataset(tmp_path / "ds" / "data", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len({case.label for case in cases})
    assert all(table.column("is_canonical").to_pylist())


def test_a_clusters_folder_of_site_folders_reads_as_one_archive(tmp_path: Path) -> None:
    """A cluster's workers writing locally give each site its own folder (OUT/HOST): the readers take OUT
    as one archive, the same as one folder holding the same records."""
    records = small_archive(tmp_path / "one")
    cluster = tmp_path / "cluster"
    for source in ("a", "b"):
        first = [r for r in records if r.source == source and r.run_id == "run-1"]
        write_archive(cluster / f"{source}.example.org", first, "run-1")
    write_archive(cluster / "b.example.org", [r for r in records if r.run_id == "run-2"], "run-2")
    (cluster / "notes").mkdir()  # a folder that is not a site's is no part of it

    archive = open_archive(cluster)
    assert {f.name.split("/")[0] for f in archive.files} == {"a.example.org", "b.example.org"}
    assert sum(f.rows for f in archive.files) == len(records)
    checked = check_archive(cluster)
    assert checked.clean and checked.record_files == len(archive.files)

    for folder in ("one", "cluster"):
        export(tmp_path / folder, tmp_path / f"{folder}-export", format="jsonl")
    assert all_bytes(tmp_path / "one-export" / "data") == all_bytes(tmp_path / "cluster-export" / "data")
    assert archive_stats(cluster).records == archive_stats(tmp_path / "one").records == len(records) - 1
    report = dedupe(cluster)
    assert (cluster / "clusters" / "clusters.parquet").is_file()
    assert report.clusters == dedupe(tmp_path / "one").clusters
    assert dedupe(cluster).new_texts == 0  # the index names each file by its site folder: nothing read twice

    empty = tmp_path / "empty"
    (empty / "a.example.org").mkdir(parents=True)
    with pytest.raises(InputError, match="has no records/ folder"):
        open_archive(empty)
