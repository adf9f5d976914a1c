"""Rebuild an output folder's records from its WARC files with the current extractor, offline."""

from __future__ import annotations

import os
import shutil
from collections import defaultdict, deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pyarrow.dataset as ds

from archiver.damage import find_damaged
from archiver.errors import DamagedArchiveError, InputError
from archiver.extraction import extract
from archiver.extraction.charset import decode_page
from archiver.items import Caption, Commentary, PageSnapshot
from archiver.lock import OutputLock
from archiver.records import build_record
from archiver.run import new_run_id
from archiver.store import RECORDS_DIR, RecordStore
from archiver.warc import WARC_DIR, StoredResponse, read_responses
from archiver.workers import ExtractionPool, extraction_pool

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
        damaged = find_damaged(folder)
        if damaged:
            # Rebuilding would replace the records folder without them: repair first.
            raise DamagedArchiveError(
                f"record file {damaged[0].path} is damaged ({damaged[0].reason}): run `archiver crawl` on {folder} "
                "first (it sets damaged files aside and fetches their posts again), then reextract")
        dataset = ds.dataset(records_dir, format="parquet", partitioning="hive")
        report = ReextractReport(records=dataset.count_rows())
        work = folder / f".reextract-{new_run_id()}"
        # Names of this rebuild's own: on object storage the new files are uploaded beside the old ones, never
        # over them (objects are written once), before the old ones are deleted.
        store = RecordStore(work, run_id=work.name.lstrip("."))
        batch: list[Commentary] = []
        with extraction_pool(workers) as pool:
            for record in _rebuilt(folder, dataset, pool, report):
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


#: pages in the workers' queue at once: enough to keep them busy, few enough to hold in memory
WINDOW = 64


def _rebuilt(folder: Path, dataset: ds.Dataset, pool: ExtractionPool,
             report: ReextractReport) -> Iterator[Commentary]:
    """Every record, rebuilt where its raw page is kept. Holds one WARC file's records at a time and
    streams that file's pages through the workers, so memory does not grow with the archive."""
    if not {"warc_file", "warc_record_id"} <= set(dataset.schema.names):
        return  # no record files at all
    warc_file, record_id = ds.field("warc_file"), ds.field("warc_record_id")
    without_page = warc_file.is_null() | record_id.is_null() | (warc_file == "") | (record_id == "")
    for table in dataset.to_batches(filter=without_page):
        for row in table.to_pylist():
            report.kept += 1
            yield _as_record(row)
    names = dataset.to_table(columns=["warc_file"], filter=~without_page).column("warc_file").unique()
    for name in sorted(names.to_pylist()):
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in dataset.to_table(filter=(warc_file == name) & ~without_page).to_pylist():
            rows[row["warc_record_id"]].append(row)
        path = folder / WARC_DIR / name
        responses = read_responses(path, set(rows)) if path.exists() else iter(())
        fetched = {key: group[0]["fetched_at"] for key, group in rows.items()}
        for response, outcome in _extracted(pool, responses, fetched):
            for row in rows.pop(response.record_id, []):
                if isinstance(outcome, BaseException):
                    report.failed += 1  # a page that fails now keeps its old record
                    yield _as_record(row)
                    continue
                report.rebuilt += 1
                report.extractor_version = outcome["extractor_version"]
                yield _merge(row, response, outcome)
        for missing in rows.values():  # no raw page to rebuild from (the WARC file or record is gone)
            for row in missing:
                report.kept += 1
                yield _as_record(row)


def _extracted(pool: ExtractionPool, responses: Iterator[StoredResponse],
               fetched: dict[str, datetime]) -> Iterator[tuple[StoredResponse, Any]]:
    """(response, extracted fields or the error) in order, with at most ``WINDOW`` pages in flight."""
    pending: deque[tuple[StoredResponse, Future[dict[str, Any]]]] = deque()
    for response in responses:
        pending.append((response, pool.submit(_extract_response, response, fetched.get(response.record_id))))
        if len(pending) >= WINDOW:
            yield _outcome(*pending.popleft())
    while pending:
        yield _outcome(*pending.popleft())


def _outcome(response: StoredResponse, future: Future[dict[str, Any]]) -> tuple[StoredResponse, Any]:
    try:
        return response, future.result()
    except Exception as error:  # noqa: BLE001 - reported as a failure of this page only
        return response, error


def _extract_response(response: StoredResponse, fetched_at: datetime | None) -> dict[str, Any]:
    html = decode_page(response.body, response.headers.get("content-type"), response.url)
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
    fields["byline_orgs"] = list(row.get("byline_orgs") or [])  # null in files of record schema 1
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
