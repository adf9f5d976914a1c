"""Parquet records: schema, partitions, atomic files, and readers that open the folder directly."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from archiver.items import Commentary, PageSnapshot
from archiver.records import build_record
from archiver.schema import RECORD_SCHEMA
from archiver.store import RecordStore


def snapshot(url: str, source: str = "blog.example.org") -> PageSnapshot:
    return PageSnapshot(url=url, final_url=url, html="", http_status=200,
                        fetched_at=datetime(2026, 1, 2, tzinfo=timezone.utc), source=source, platform="blogger")


def record(url: str, published: str | None, source: str = "blog.example.org", body: str = "One two three.") -> Commentary:
    extracted = {
        "title": "A title", "byline": ["Jane Roe"], "byline_raw": "By Jane Roe", "poster": "Unknown",
        "published": published, "published_raw": published, "captions": [{"text": "A caption.", "credit": "AP", "image_url": None}],
        "body": body, "tags": ["x"], "language": "en", "field_sources": {"byline": "body:byline-line"},
        "extractor_version": "test",
    }
    return build_record(snapshot(url, source), extracted, run_id="run-1")


def test_records_read_back_with_the_record_schema(tmp_path: Path) -> None:
    store = RecordStore(tmp_path, "run-1")
    files = store.write([
        record("https://blog.example.org/2022/01/a.html", "2022-01-07T09:15:00+08:00"),
        record("https://blog.example.org/2021/12/b.html", "2021-12-31T23:30:00-05:00", body="Other words here."),
        record("https://blog.example.org/p/c.html", None, body="No date at all."),
    ])
    # One file per partition.
    assert sorted(p.relative_to(tmp_path).parent.as_posix() for p in files) == [
        "records/source=blog.example.org/year=2022",
        "records/source=blog.example.org/year=__HIVE_DEFAULT_PARTITION__",
    ]
    table = ds.dataset(tmp_path / "records", format="parquet", partitioning="hive").to_table()
    for field in RECORD_SCHEMA:
        assert table.schema.field(field.name).type == field.type, field.name
    rows = {r["canonical_url"]: r for r in table.to_pylist()}
    first = rows["https://blog.example.org/2022/01/a.html"]
    assert first["published"] == datetime(2022, 1, 7, 1, 15, tzinfo=timezone.utc)
    assert first["source"] == "blog.example.org" and first["year"] == 2022
    assert first["captions"] == [{"text": "A caption.", "credit": "AP", "image_url": None}]
    assert first["poster"] is None  # "Unknown" is Blogger's placeholder, not an account name
    assert dict(first["field_sources"]) == {"byline": "body:byline-line"}
    # A post published 2021-12-31 23:30 in New York is 2022 in UTC: partitions follow the stored UTC date.
    assert rows["https://blog.example.org/2021/12/b.html"]["year"] == 2022
    assert rows["https://blog.example.org/p/c.html"]["year"] is None
    # pyarrow.parquet reads the folder too, and every file carries the schema version.
    assert pq.read_table(tmp_path / "records").num_rows == 3
    assert pq.read_schema(files[0]).metadata[b"archiver.schema_version"] == b"2"


def test_no_temporary_file_is_left_and_names_do_not_collide(tmp_path: Path) -> None:
    store = RecordStore(tmp_path, "run-1")
    first = store.write([record("https://blog.example.org/2022/01/a.html", "2022-01-07T09:15:00+08:00")])
    second = store.write([record("https://blog.example.org/2022/01/b.html", "2022-01-08T09:15:00+08:00")])
    assert first[0] != second[0]
    assert not list(tmp_path.rglob("*.tmp"))
    assert len(list((tmp_path / "records").rglob("*.parquet"))) == 2


def test_a_failed_write_leaves_nothing_where_readers_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import archiver.store as store_module

    def broken_write(table, where, **kwargs):  # noqa: ANN001 - the signature of pq.write_table
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", broken_write)
    with pytest.raises(OSError):
        RecordStore(tmp_path, "run-1").write([record("https://blog.example.org/2022/01/a.html", "2022-01-07T09:15:00+08:00")])
    assert not list((tmp_path / "records").rglob("*.parquet"))
    assert not list((tmp_path / "records").rglob("*.tmp"))


def test_source_names_are_safe_folder_names(tmp_path: Path) -> None:
    files = RecordStore(tmp_path, "run-1").write(
        [record("https://blog.example.org/2022/01/a.html", "2022-01-07T09:15:00+08:00", source="a/b c")]
    )
    assert files[0].parent.parent.name == "source=a%2Fb c"
    table = ds.dataset(tmp_path / "records", format="parquet", partitioning="hive").to_table()
    assert table.column("source").to_pylist() == ["a/b c"]


@pytest.mark.parametrize(("body", "words"), [
    ("One two three.", 3),
    ("金融業の人が胡散臭く見えてしまう理由", 18),  # Japanese: no spaces between words; each character counts
    ("北京市 政府 said so.", 7),
    ("신현주 기자가 썼다", 3),  # Korean is written with spaces
    ("", 0),
])
def test_word_count_in_any_script(body: str, words: int) -> None:
    from archiver.extraction.dom import word_count

    assert word_count(body) == words
