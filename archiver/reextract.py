"""Rebuild an output folder's records from its WARC files with the current extractor, offline."""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pyarrow.dataset as ds
from w3lib.encoding import html_to_unicode

from archiver.errors import InputError
from archiver.extraction import extract
from archiver.items import Caption, Commentary, PageSnapshot
from archiver.lock import OutputLock
from archiver.records import build_record
from archiver.run import new_run_id
from archiver.store import RECORDS_DIR, RecordStore
from archiver.warc import WARC_DIR, StoredResponse, read_responses
from archiver.workers import extraction_pool

BATCH = 500


@dataclass
class ReextractReport:
    records: int = 0
    rebuilt: int = 0
    kept: int = 0  #: records without a raw page to rebuild from, kept as they were
    failed: int = 0  #: pages whose extraction failed now; their old record is kept
    extractor_version: str = ""


def reextract(
    output_dir: str | os.PathLike[str], workers: int | None = None, progress: Callable[[int], None] | None = None
) -> ReextractReport:
    """Re-extract every record of ``output_dir`` from the raw page its WARC files keep.

    Identity and capture fields (id, URLs, fetched_at, run_id, version, WARC references) stay;
    extracted fields and ``extractor_version`` are new. The new records replace the old ones only
    when all are written. Holds the folder's lock, so no crawl runs meanwhile.
    """
    folder = Path(output_dir)
    records_dir = folder / RECORDS_DIR
    if not records_dir.is_dir():
        raise InputError(f"{folder} is not an archiver output folder (no {RECORDS_DIR}/ in it)")
    with OutputLock(folder):
        rows = ds.dataset(records_dir, format="parquet", partitioning="hive").to_table().to_pylist()
        report = ReextractReport(records=len(rows))
        work = folder / f".reextract-{new_run_id()}"
        store = RecordStore(work, run_id="reextract")
        batch: list[Commentary] = []
        with extraction_pool(workers) as pool:
            for record in _rebuilt(folder, rows, pool, report):
                batch.append(record)
                if len(batch) >= BATCH:
                    store.write(batch)
                    batch = []
                if progress:
                    progress(1)
        if batch:
            store.write(batch)
        _swap(records_dir, work / RECORDS_DIR)
        shutil.rmtree(work, ignore_errors=True)
        return report


def _rebuilt(folder: Path, rows: list[dict[str, Any]], pool: ProcessPoolExecutor, report: ReextractReport) -> Any:
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get("warc_file") and row.get("warc_record_id"):
            by_file[row["warc_file"]].append(row)
        else:
            report.kept += 1
            yield _as_record(row)
    for warc_file, group in sorted(by_file.items()):
        path = folder / WARC_DIR / warc_file
        wanted = {row["warc_record_id"] for row in group}
        responses = {r.record_id: r for r in read_responses(path, wanted)} if path.exists() else {}
        jobs = [(row, responses.get(row["warc_record_id"])) for row in group]
        futures = [pool.submit(_extract_response, response, row["fetched_at"]) if response else None
                   for row, response in jobs]
        for (row, response), future in zip(jobs, futures):
            if future is None:
                report.kept += 1
                yield _as_record(row)
                continue
            try:
                extracted = future.result()
            except Exception:  # noqa: BLE001 - a page that fails now keeps its old record
                report.failed += 1
                yield _as_record(row)
                continue
            report.rebuilt += 1
            report.extractor_version = extracted["extractor_version"]
            yield _merge(row, response, extracted)


def _extract_response(response: StoredResponse, fetched_at: datetime | None) -> dict[str, Any]:
    _, html = html_to_unicode(response.headers.get("content-type"), response.body)
    metadata = response.metadata
    hints = dict(metadata.get("hints") or {})
    if fetched_at is not None:
        hints.setdefault("fetched", fetched_at.isoformat())  # as at the crawl: "2 hours ago" then
    return extract(metadata.get("url") or response.url, html, hints)


def _merge(row: dict[str, Any], response: StoredResponse | None, extracted: dict[str, Any]) -> Commentary:
    """A new record from new extraction, keeping what the capture established."""
    hints_platform = (response.metadata.get("hints") or {}).get("platform") if response else None
    snapshot = PageSnapshot(
        url=row["canonical_url"], final_url=row["url"], html="", http_status=row["http_status"],
        fetched_at=row["fetched_at"], source=row["source"], platform=hints_platform or row["platform"],
        warc_file=row["warc_file"], warc_record_id=row["warc_record_id"],
    )
    record = build_record(snapshot, extracted, run_id=row["run_id"])
    return replace(record, id=row["id"], version=row["version"], updated=record.updated or row["updated"])


def _as_record(row: dict[str, Any]) -> Commentary:
    fields = {k: v for k, v in row.items() if k in Commentary.__dataclass_fields__}
    fields["captions"] = [Caption(**c) for c in row.get("captions") or []]
    fields["field_sources"] = dict(row.get("field_sources") or [])
    fields["byline"] = list(row.get("byline") or [])
    fields["tags"] = list(row.get("tags") or [])
    return Commentary(**fields)


def _swap(old: Path, new: Path) -> None:
    """Put ``new`` where ``old`` is with two renames; the old folder is removed last."""
    if not new.exists():
        new.mkdir(parents=True)
    retired = old.with_name(f".{old.name}-replaced-{datetime.now().strftime('%Y%m%d%H%M%S')}")
    os.rename(old, retired)
    os.rename(new, old)
    shutil.rmtree(retired, ignore_errors=True)
