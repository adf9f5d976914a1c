"""The Parquet record files of an output folder: hive-partitioned by source and year, written atomically."""

from __future__ import annotations

import itertools
import os
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from urllib.parse import quote, unquote

import pyarrow as pa
import pyarrow.parquet as pq

from archiver.items import Commentary
from archiver.schema import RECORD_SCHEMA

RECORDS_DIR = "records"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # what pyarrow and DuckDB read back as null
# Partition columns live in the folder names, not in the files: readers of the folder get
# them from the path, and a column in both places makes pyarrow refuse to merge the schemas.
FILE_SCHEMA = pa.schema(
    [f for f in RECORD_SCHEMA if f.name != "source"], metadata=RECORD_SCHEMA.metadata
)


class RecordStore:
    """Writes batches of records under ``<output>/records/source=<s>/year=<y>/``.

    Each file is written under a hidden temporary name and renamed when complete, so a
    reader never sees a half-written file and a crash leaves none behind where readers look.
    """

    def __init__(self, output_dir: str | os.PathLike[str], run_id: str) -> None:
        self.root = Path(output_dir) / RECORDS_DIR
        self.run_id = run_id
        self._parts = itertools.count(1)  # next() on a count is atomic: flushes may overlap

    def write(self, records: list[Commentary]) -> list[Path]:
        """Write ``records``, one file per partition; return the files written."""
        groups: dict[tuple[str, str], list[Commentary]] = defaultdict(list)
        for record in records:
            year = str(record.published.year) if record.published else NULL_PARTITION
            groups[(record.source, year)].append(record)
        files = [self._write_part(source, year, group) for (source, year), group in sorted(groups.items())]
        # Arrow's allocator keeps freed buffers for reuse; a crawl writes a batch now and then, so
        # holding them would add tens of MB to every long crawl for nothing.
        pa.default_memory_pool().release_unused()
        return files

    def run_files(self, run_id: str) -> list[str]:
        """The record files a run wrote, as paths in the output folder (``records/source=…/…``)."""
        return sorted(path.relative_to(self.root.parent).as_posix()
                      for path in self.root.glob(f"source=*/year=*/part-{run_id}-*.parquet"))

    def read_table(self, relative: str, columns: list[str]) -> pa.Table:
        return pq.read_table(self.root.parent / relative, columns=columns)

    def _write_part(self, source: str, year: str, records: list[Commentary]) -> Path:
        folder = self.root / f"source={partition_value(source)}" / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{self.run_id}-{next(self._parts):05d}.parquet"
        final = folder / name
        temporary = folder / f".{name}.tmp"
        table = records_to_table(records)
        try:
            pq.write_table(table, temporary, compression="zstd")
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, final)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return final


def records_to_table(records: list[Commentary]) -> pa.Table:
    """Records as a table of the file schema (no ``source`` column: it is the partition)."""
    rows = []
    for record in records:
        row = asdict(record)
        del row["source"]
        row["field_sources"] = list(row["field_sources"].items())
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=FILE_SCHEMA)


def archive_folders(root: Path) -> list[Path]:
    """The output folders whose ``records/`` make the archive at ``root``: ``root`` itself, or, for a
    cluster's local output (``OUT/HOST``, see ``archiver.cluster``), its site folders. None for a folder
    that is neither."""
    if (root / RECORDS_DIR).is_dir():
        return [root]
    if not root.is_dir():
        return []
    return sorted(folder for folder in root.iterdir()
                  if folder.is_dir() and not folder.name.startswith((".", "_")) and (folder / RECORDS_DIR).is_dir())


def partition_source(path: Path) -> str:
    """The source a record file belongs to, from its partition folder (``source=<s>/year=<y>/<file>``)."""
    return unquote(path.parent.parent.name.split("=", 1)[1])


def partition_value(value: str) -> str:
    """A partition folder value: URL-quoted like pyarrow's hive partitioning decodes it."""
    return quote(value, safe=" .,-_:@+")
