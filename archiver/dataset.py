"""An output folder as a dataset: find and check its record files, scan them, pick current versions.

The record files are ``<DIR>/records/source=<s>/year=<y>/part-<run_id>-<n>.parquet`` (see
``archiver.store``). Every reader of an output folder (``dedupe``, ``export``, ``stats``) opens it
with :func:`open_archive`, which refuses anything that is not an archive with an ``InputError``. A
cluster's workers writing to a local folder give each site a folder of its own (``OUT/HOST``, see
``archiver.cluster``): ``open_archive(OUT)`` reads those site folders together as one archive.

A post is stored once per (canonical URL, version): a later crawl may add version 2 of a post (same
``id``, higher ``version``). Readers use the **current** record of each id: the highest ``version``;
among equal versions, the latest ``fetched_at``, then the greatest ``run_id``.
"""

from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from archiver.damage import DamagedFile, first_line
from archiver.errors import InputError
from archiver.schema import SCHEMA_VERSION
from archiver.store import FILE_SCHEMA, NULL_PARTITION, RECORDS_DIR, archive_folders

logger = logging.getLogger(__name__)

CLUSTERS_DIR = "clusters"
PARTITIONING_SCHEMA = pa.schema([pa.field("source", pa.string()), pa.field("year", pa.int32())])
#: The schema a reader sees: the file columns plus the two partition columns from the folder names.
DATASET_SCHEMA = pa.schema(list(FILE_SCHEMA) + list(PARTITIONING_SCHEMA), metadata=FILE_SCHEMA.metadata)
KEY_COLUMNS = ["id", "version", "fetched_at", "run_id"]
#: Columns every record file has had since the first schema version.
REQUIRED_COLUMNS = {"id", "url", "canonical_url", "title", "body", "published", "content_hash", "fetched_at",
                    "run_id", "version"}

_PART_RE = re.compile(r"^source=([^/]+)/year=([^/]+)/[^/]+\.parquet$")


@dataclass(frozen=True)
class RecordFile:
    path: Path
    source: str
    year: int | None
    rows: int = 0
    #: its name in the archive: its path below ``records/`` (``source=…/year=…/part-….parquet``), below
    #: ``HOST/records/`` in a cluster's folder of site folders (``HOST/source=…/…``)
    name: str = ""


@dataclass
class Filters:
    """Which records a command reads; every filter is optional. Dates are UTC days, inclusive."""

    sources: Sequence[str] = ()
    since: date | None = None
    until: date | None = None
    languages: Sequence[str] = ()

    def describe(self) -> dict[str, object]:
        """The filters as plain values (for a manifest or a dataset card)."""
        return {
            "source": sorted(self.sources) or None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "language": sorted(self.languages) or None,
        }

    def expression(self) -> ds.Expression | None:
        """A pyarrow filter over the dataset schema (partition columns included)."""
        parts: list[ds.Expression] = []
        if self.sources:
            parts.append(pc.field("source").isin(list(self.sources)))
        if self.since:
            start = datetime(self.since.year, self.since.month, self.since.day, tzinfo=timezone.utc)
            parts.append(pc.field("published") >= pa.scalar(start, type=FILE_SCHEMA.field("published").type))
        if self.until:
            end = datetime(self.until.year, self.until.month, self.until.day, tzinfo=timezone.utc)
            end_next = pa.scalar(end, type=FILE_SCHEMA.field("published").type)
            parts.append(pc.field("published") < pc.add(end_next, pa.scalar(86_400_000_000, pa.duration("us"))))
        if self.languages:
            # A language filter matches the tag and its subtags: "en" keeps "en" and "en-GB".
            lang = pc.utf8_lower(pc.field("language"))
            options = []
            for language in self.languages:
                wanted = language.lower()
                options.append((lang == wanted) | pc.starts_with(lang, wanted + "-"))
            any_of = options[0]
            for option in options[1:]:
                any_of = any_of | option
            parts.append(any_of)
        if not parts:
            return None
        expression = parts[0]
        for part in parts[1:]:
            expression = expression & part
        return expression


@dataclass
class Archive:
    """A checked output folder. Build it with :func:`open_archive`."""

    root: Path
    files: list[RecordFile] = field(default_factory=list)
    #: record files that could not be read, left out of every reading (``archiver.damage``)
    damaged: list[DamagedFile] = field(default_factory=list)

    @property
    def clusters_dir(self) -> Path:
        return self.root / CLUSTERS_DIR

    @property
    def sources(self) -> list[str]:
        return sorted({f.source for f in self.files})

    def partitions(self) -> dict[tuple[str, int | None], list[RecordFile]]:
        """Record files grouped by (source, year), in a stable order."""
        groups: dict[tuple[str, int | None], list[RecordFile]] = defaultdict(list)
        for f in self.files:
            groups[(f.source, f.year)].append(f)
        return dict(sorted(groups.items(), key=lambda item: (item[0][0], _year_key(item[0][1]))))

    def scan(
        self,
        columns: Sequence[str],
        filter: ds.Expression | None = None,
        files: Sequence[RecordFile] | None = None,
        batch_size: int = 8192,
    ) -> Iterator[pa.RecordBatch]:
        """Stream record batches of ``columns`` (of ``DATASET_SCHEMA``), a file at a time.

        Memory stays at one batch whatever the size of the archive (a pyarrow dataset over the
        folder would keep every file's metadata: hundreds of MB for thousands of files). ``filter``
        may use only the columns read. A column a file lacks (written before it was added to the
        schema) reads as null.
        """
        schema = pa.schema([DATASET_SCHEMA.field(c) for c in columns])
        for record_file in self.files if files is None else files:
            try:
                parquet = pq.ParquetFile(record_file.path)
            except (OSError, pa.ArrowException) as error:
                raise InputError(f"cannot read {record_file.path}: {first_line(error)}") from None
            try:
                present = set(parquet.schema_arrow.names)
                for batch in parquet.iter_batches(batch_size=batch_size,
                                                  columns=[c for c in columns if c in present]):
                    n = batch.num_rows
                    arrays = []
                    for field in schema:
                        if field.name == "source":
                            arrays.append(pa.array([record_file.source] * n, pa.string()))
                        elif field.name == "year":
                            arrays.append(pa.array([record_file.year] * n, pa.int32()))
                        elif field.name in present:
                            arrays.append(batch.column(field.name))
                        else:
                            arrays.append(pa.nulls(n, field.type))
                    out = pa.RecordBatch.from_arrays(arrays, schema=schema)
                    if filter is not None:
                        out = out.filter(filter)
                    if out.num_rows:
                        yield out
            except (OSError, pa.ArrowException) as error:
                raise InputError(f"cannot read {record_file.path}: {first_line(error)}") from None
            finally:
                parquet.close()

    def read(self, columns: Sequence[str], filter: ds.Expression | None = None,
             files: Sequence[RecordFile] | None = None) -> pa.Table:
        batches = list(self.scan(columns, filter, files))
        schema = pa.schema([DATASET_SCHEMA.field(c) for c in columns])
        return pa.Table.from_batches(batches, schema=schema)

    def current(self, columns: Sequence[str] = (), filter: ds.Expression | None = None) -> pa.Table:
        """The current record of each id (see the module docstring), with ``KEY_COLUMNS`` + ``columns``.

        Only small columns belong here: the whole archive's worth of them is held in memory.
        The current version is chosen among all records, then ``filter`` applies to it.
        """
        wanted = list(dict.fromkeys(KEY_COLUMNS + list(columns)))
        table = self.read(wanted)
        table = latest_versions(table)
        if filter is not None:
            table = table.filter(filter)
        return table


def latest_versions(table: pa.Table) -> pa.Table:
    """Rows of ``table`` (with ``KEY_COLUMNS``) that are the current record of their id, sorted by id."""
    if table.num_rows == 0:
        return table
    order = pc.sort_indices(
        table,
        sort_keys=[("id", "ascending"), ("version", "descending"), ("fetched_at", "descending"),
                   ("run_id", "descending")],
    )
    table = table.take(order)
    ids = table.column("id").combine_chunks()
    first = pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1))
    keep = pa.concat_arrays([pa.array([True]), first.fill_null(True)])
    return table.filter(keep)


def record_key(table: pa.Table | pa.RecordBatch) -> pa.Array:
    """``id|version|run_id``: which stored copy of a post a row is."""
    return pc.binary_join_element_wise(
        table.column("id"),
        pc.cast(table.column("version"), pa.string()),
        pc.fill_null(table.column("run_id"), ""),
        "|",
    )


def open_archive(path: str | os.PathLike[str]) -> Archive:
    """Check that ``path`` is an archiver output folder, or a cluster's folder of them (site folders, each
    with its ``records/``), and list its record files.

    Raises ``InputError`` for a missing folder, a folder without records, a Parquet file that is not
    an archiver record file, or a stray file among the records. A record file that cannot be read
    (truncated, overwritten) is left out with a warning and listed in ``Archive.damaged``.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(f"{root}: no such folder")
    if not root.is_dir():
        raise InputError(f"{root} is not a folder")
    folders = archive_folders(root)
    if not folders:
        raise InputError(f"{root} is not an archiver output folder (it has no {RECORDS_DIR}/ folder)")
    files: list[RecordFile] = []
    damaged: list[DamagedFile] = []
    for folder in folders:
        prefix = "" if folder == root else f"{folder.name}/"
        _list_record_files(folder / RECORDS_DIR, prefix, files, damaged)
    if not files and damaged:
        raise InputError(f"every record file of {root} is damaged (first: {damaged[0].path}: {damaged[0].reason}): "
                         "run `archiver check`")
    if not files:
        where = root / RECORDS_DIR if folders == [root] else f"the {RECORDS_DIR}/ folders of its site folders"
        raise InputError(f"{root} is not an archiver output folder (no record files in {where})")
    files.sort(key=lambda f: (f.source, _year_key(f.year), f.name))
    return Archive(root, files, damaged)


def _list_record_files(records: Path, prefix: str, files: list[RecordFile], damaged: list[DamagedFile]) -> None:
    """Add the record files under ``records`` to ``files`` (named ``prefix`` + their path below it), the
    unreadable ones to ``damaged``."""
    for dirpath, dirnames, filenames in os.walk(records):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.startswith((".", "_")):
                continue  # temporary files of a write in progress; readers skip them too
            full = Path(dirpath) / name
            relative = full.relative_to(records).as_posix()
            match = _PART_RE.match(relative)
            if not match:
                raise InputError(f"{full} does not belong in an archive's {RECORDS_DIR}/ folder "
                                 "(expected source=<name>/year=<YYYY>/<file>.parquet)")
            try:
                file_metadata = pq.read_metadata(full)
            except (OSError, pa.ArrowException) as error:
                # One damaged file must not cost the researcher the rest of the archive.
                damaged.append(DamagedFile(full, first_line(error)))
                logger.warning("skipping damaged record file %s (%s): `archiver check` lists the damage, the next "
                               "crawl fetches its posts again", full, first_line(error))
                continue
            rows = _check_record_file(full, file_metadata)
            year_text = unquote(match.group(2))
            try:
                year = None if year_text == NULL_PARTITION else int(year_text)
            except ValueError:
                raise InputError(f"{full}: year={year_text} is not a year") from None
            files.append(RecordFile(full, unquote(match.group(1)), year, rows, prefix + relative))


def _check_record_file(path: Path, file_metadata: pq.FileMetaData) -> int:
    """Raise ``InputError`` unless the Parquet file ``path`` (its footer read) is a record file; return its
    number of rows."""
    schema = file_metadata.schema.to_arrow_schema()
    metadata = schema.metadata or {}
    version = metadata.get(b"archiver.schema_version")
    if version is None:
        raise InputError(f"{path} is not an archiver record file (no archiver schema in its metadata)")
    if not version.decode().isdigit() or int(version.decode()) > int(SCHEMA_VERSION):
        raise InputError(f"{path} has record schema version {version.decode()}; "
                         f"this archiver reads versions up to {SCHEMA_VERSION}")
    for expected in FILE_SCHEMA:
        index = schema.get_field_index(expected.name)
        if index < 0:
            if expected.name in REQUIRED_COLUMNS:
                raise InputError(f"{path} is not an archiver record file (no column {expected.name!r})")
            continue  # a column added to the schema later: read as null
        if not schema.field(index).type.equals(expected.type):
            raise InputError(f"{path} is not an archiver record file (column {expected.name!r} is "
                             f"{schema.field(index).type}, expected {expected.type})")
    return file_metadata.num_rows


def check_sources(archive: Archive, sources: Sequence[str]) -> None:
    """Raise ``InputError`` naming a source the archive does not have."""
    known = archive.sources
    for source in sources:
        if source not in known:
            raise InputError(f"unknown source {source!r} (this archive has: {', '.join(known)})")


def parse_day(text: str | None, option: str, end: bool = False) -> date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as a day; ``InputError`` otherwise.

    A month or a year means its first day, or its last day when ``end`` (for ``--until``).
    """
    if text is None:
        return None
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = date.fromisoformat(value + "-01")
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 12, 31) if end else date(int(value), 1, 1)
    except ValueError:
        pass
    raise InputError(f"{option}: not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")


def _year_key(year: int | None) -> int:
    return year if year is not None else 1 << 30



def has_value(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Per row, whether a field is filled: a non-empty list or string, or any other non-null value."""
    if pa.types.is_list(column.type):
        return pc.greater(pc.fill_null(pc.list_value_length(column), 0), 0)
    if pa.types.is_string(column.type):
        return pc.greater(pc.fill_null(pc.utf8_length(column), 0), 0)
    return pc.is_valid(column)
