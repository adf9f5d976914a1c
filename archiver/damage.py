"""Damaged record files: found, set aside where no reader trips on them, and their posts fetched again.

A record file is written under a temporary name and renamed when whole (``store.py``), so damage comes
from outside: a disk or file system that lost data, a copy cut short, a hand that edited the folder.
Readers (``dataset.open_archive``) skip a damaged file with a warning rather than refuse the archive;
the next crawl sets it aside as ``_<name>.damaged`` (kept for inspection: pyarrow skips names that
start with "_", and globs of ``*.parquet`` miss it) and makes the crawl state forget the posts whose records it held, so that the run fetches and
stores them again. ``archiver check`` reads every record file whole and checks the crawl state.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from archiver.store import RECORDS_DIR, archive_folders

logger = logging.getLogger(__name__)

#: a damaged record file set aside by a crawl is renamed ``_<name>.damaged``
SET_ASIDE_SUFFIX = ".damaged"


@dataclass(frozen=True)
class DamagedFile:
    path: Path
    reason: str


def record_files(output_dir: Path) -> Iterator[Path]:
    """The record files readers read: ``records/source=*/year=*/*.parquet`` not hidden or set aside."""
    for path in sorted((output_dir / RECORDS_DIR).glob("source=*/year=*/*.parquet")):
        if not path.name.startswith((".", "_")):
            yield path


def set_aside_files(output_dir: Path) -> list[Path]:
    """Damaged record files an earlier crawl set aside."""
    return sorted((output_dir / RECORDS_DIR).glob(f"source=*/year=*/_*{SET_ASIDE_SUFFIX}"))


def footer_damage(path: Path) -> str | None:
    """Why the file cannot be opened as Parquet (its footer is read), or None. Cheap: a truncated or
    overwritten file loses its footer first."""
    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException) as error:
        return first_line(error)
    return None


def full_damage(path: Path) -> str | None:
    """Why the file cannot be read to its last row, or None: every page is decompressed and checked."""
    try:
        with pq.ParquetFile(path) as parquet:
            for _batch in parquet.iter_batches(batch_size=65_536):
                pass
    except (OSError, pa.ArrowException) as error:
        return first_line(error)
    return None


def find_damaged(output_dir: Path) -> list[DamagedFile]:
    """Record files whose footers cannot be read (quick enough for the start of every crawl)."""
    found = []
    for path in record_files(output_dir):
        reason = footer_damage(path)
        if reason is not None:
            found.append(DamagedFile(path, reason))
    return found


def set_aside(damaged: DamagedFile) -> Path:
    """Rename a damaged file out of the readers' way, beside where it was."""
    target = set_aside_name(damaged.path)
    os.replace(damaged.path, target)
    logger.warning("record file %s is damaged (%s): set aside as %s; its posts are fetched again",
                   damaged.path, damaged.reason, target.name)
    return target


def set_aside_name(path: Path) -> Path:
    return path.with_name(f"_{path.name}{SET_ASIDE_SUFFIX}")


def readable_record_ids(output_dir: Path) -> set[str]:
    """The ids of every record the readable record files hold (one column read per file)."""
    ids: set[str] = set()
    for path in record_files(output_dir):
        ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
    return ids


def first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


@dataclass
class ArchiveCheck:
    """What ``archiver check`` found in an output folder."""

    record_files: int = 0
    damaged: list[DamagedFile] = field(default_factory=list)  #: record files that cannot be read whole
    set_aside: list[Path] = field(default_factory=list)  #: damaged files an earlier crawl set aside
    state_problem: str | None = None  #: why the crawl state cannot be used, if it cannot

    @property
    def clean(self) -> bool:
        return not self.damaged and self.state_problem is None


def check_archive(output_dir: Path) -> ArchiveCheck:
    """Read every record file to its last row (of the site folders too, in a cluster's folder of them) and
    check the crawl state's integrity."""
    from archiver.state import STATE_FILE

    report = ArchiveCheck()
    for folder in archive_folders(output_dir) or [output_dir]:
        report.set_aside += set_aside_files(folder)
        for path in record_files(folder):
            report.record_files += 1
            reason = full_damage(path)
            if reason is not None:
                report.damaged.append(DamagedFile(path, reason))
    state = output_dir / STATE_FILE
    if state.exists():
        report.state_problem = _sqlite_problem(state)
    return report


def _sqlite_problem(path: Path) -> str | None:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            result = db.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return first_line(error)
    problems = [row[0] for row in result if row[0] != "ok"]
    return "; ".join(problems[:3]) if problems else None
