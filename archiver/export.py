"""A researcher-ready dataset folder from an output folder: data files, a dataset card, a manifest.

``export(DIR, OUT)`` writes::

    OUT/
      README.md                     dataset card (Hugging Face YAML header, schema, counts, coverage, loading)
      manifest.json                 every file with its size, rows and SHA-256; the selection; the versions
      SHA256SUMS                    the same checksums, for ``sha256sum -c SHA256SUMS``
      data/source=<s>/<year>.parquet   (or .jsonl / .csv; undated posts in undated.parquet)

One record per post: the current version of each id (see ``archiver.dataset``). When
``DIR/clusters/clusters.parquet`` is up to date, the clusters columns (``cluster_id``,
``cluster_size``, ``is_canonical``, ``similarity``, ``match``) are added.

The same input gives the same bytes: rows are sorted (published, then id), Parquet writer options
are fixed, and nothing in the card or the manifest depends on the time, the machine or the paths.
The data is hive-partitioned by source only, one file per year: Parquet files keep ``source`` in
the folder name only (a column in both places makes pandas and pyarrow refuse the folder), and
``year`` is a column, because pandas cannot read a partition folder whose value is null (undated
posts). JSONL and CSV rows carry both as columns.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from archiver import __version__
from archiver.damage import DamagedFile
from archiver.dataset import (
    DATASET_SCHEMA, Archive, Filters, check_sources, has_value, latest_versions, open_archive, record_key,
)
from archiver.clusters import CLUSTER_FIELDS, CLUSTER_SCHEMA, clusters_metadata, read_clusters, stale_records
from archiver.errors import InputError
from archiver.schema import FIELD_DESCRIPTIONS, SCHEMA_VERSION, field_rows
from archiver.store import partition_value

FORMATS = ("parquet", "jsonl", "csv")
DATA_DIR = "data"
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd", "compression_level": 3, "row_group_size": 65_536, "use_dictionary": True,
    "write_statistics": True, "version": "2.6", "data_page_version": "1.0", "store_schema": True,
}

#: What each column of an export means: the record's fields, `year`, and the clusters' columns.
COLUMN_DESCRIPTIONS: dict[str, str] = {**FIELD_DESCRIPTIONS, **CLUSTER_FIELDS}
#: Fields whose coverage the card reports: the share of records where the field has a value.
COVERAGE_FIELDS = ["title", "byline", "byline_orgs", "poster", "published", "original_published", "updated", "original_source",
                   "original_url", "captions", "body", "tags", "language"]


@dataclass
class ExportReport:
    out: Path
    format: str
    records: int = 0
    files: int = 0
    bytes: int = 0
    deduplicated: bool = False
    counts: dict[tuple[str, int | None], int] = field(default_factory=dict)
    #: record files of the archive that could not be read: their records are not in the export
    damaged: list[DamagedFile] = field(default_factory=list)


def export(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    format: str = "parquet",
    filters: Filters | None = None,
    canonical_only: bool = False,
    overwrite: bool = False,
) -> ExportReport:
    """Write the dataset folder ``out`` from the output folder ``path``."""
    filters = filters or Filters()
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r} (choose {', '.join(FORMATS)})")
    archive = open_archive(path)
    check_sources(archive, filters.sources)
    target = Path(out)
    _check_target(archive, target, overwrite)

    keys = archive.read(["id", "version", "fetched_at", "run_id", "source", "published", "language", "content_hash"])
    selected = latest_versions(keys)
    expression = filters.expression()
    if expression is not None:
        selected = selected.filter(expression)
    clusters = _clusters_for(archive, selected, canonical_only)
    if canonical_only and clusters is not None:
        canonical = clusters.filter(clusters.column("is_canonical")).column("id")
        selected = selected.filter(pc.is_in(selected.column("id"), value_set=canonical))
    if selected.num_rows == 0:
        raise InputError("no records match the selection (check --source, --since, --until, --language)")
    # which stored copies to write, by partition (a lookup in a small set per partition)
    partition_year = pc.fill_null(pc.cast(pc.year(selected.column("published")), pa.int32()), -1)
    wanted_by_partition: dict[tuple[str, int | None], list[str]] = {}
    for source, year, key in zip(selected.column("source").to_pylist(), partition_year.to_pylist(),
                                 record_key(selected).to_pylist()):
        wanted_by_partition.setdefault((source, None if year == -1 else year), []).append(key)

    report = ExportReport(target, format, deduplicated=clusters is not None, damaged=archive.damaged)
    stats = _Stats()
    temporary = target.with_name(f".{target.name}.partial")
    shutil.rmtree(temporary, ignore_errors=True)
    try:
        temporary.mkdir(parents=True)
        for (source, year), files in archive.partitions().items():
            wanted = wanted_by_partition.get((source, year))
            if not wanted:
                continue
            table = archive.read([f.name for f in DATASET_SCHEMA], files=files)
            table = table.filter(pc.is_in(record_key(table), value_set=pa.array(wanted, pa.string())))
            if table.num_rows == 0:
                continue
            # the same copy stored twice (a re-run of a write) is one record
            table = table.take(pc.sort_indices(table, sort_keys=[("published", "ascending"), ("id", "ascending")]))
            table = _drop_repeated_ids(table)
            if clusters is not None:
                table = _with_clusters(table, clusters)
            stats.add(table)
            folder = temporary / DATA_DIR / f"source={partition_value(source)}"
            folder.mkdir(parents=True, exist_ok=True)
            _write(table.combine_chunks(), folder / _file_name(year, format), format)
            report.counts[(source, year)] = table.num_rows
        clusters_meta = clusters_metadata(clusters) if clusters is not None else {}
        card = dataset_card(stats, format, filters, canonical_only, clusters_meta, report.counts)
        (temporary / "README.md").write_text(card, encoding="utf-8", newline="\n")
        left_out = [file.path.relative_to(archive.root).as_posix() for file in archive.damaged]
        _write_manifest(temporary, format, filters, canonical_only, stats, left_out)
        report.records = stats.records
        report.files, report.bytes = _finish(temporary, target, overwrite)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return report


def _check_target(archive: Archive, target: Path, overwrite: bool) -> None:
    resolved = target.resolve()
    root = archive.root.resolve()
    if resolved == root or root in resolved.parents or resolved in root.parents:
        raise InputError(f"the export folder {target} must be outside the archive {archive.root}")
    if target.exists() or target.is_symlink():
        if not overwrite:
            raise InputError(f"{target} already exists (pass --overwrite to replace it)")
        if not target.is_dir():
            raise InputError(f"{target} exists and is not a folder")
        if any(target.iterdir()) and not (target / "manifest.json").exists():
            raise InputError(f"{target} is not an archiver export (no manifest.json); not replacing it")
    if not target.parent.exists():
        raise InputError(f"{target.parent}: no such folder")


def _clusters_for(archive: Archive, selected: pa.Table, canonical_only: bool) -> pa.Table | None:
    clusters = read_clusters(archive.root)
    if clusters is None:
        if canonical_only:
            raise InputError(f"--canonical-only needs the clusters of {archive.root}: run archiver dedupe first")
        return None
    if not clusters.schema.equals(CLUSTER_SCHEMA, check_metadata=False):
        raise InputError(f"{archive.clusters_dir} holds clusters of another archiver version: run archiver dedupe")
    stale = stale_records(selected, clusters)
    if stale:
        if canonical_only:
            raise InputError(f"the clusters of {archive.root} are older than its records ({stale} records are "
                             "not in them): run archiver dedupe first")
        return None
    return clusters


def _drop_repeated_ids(table: pa.Table) -> pa.Table:
    ids = table.column("id").to_pylist()
    if len(set(ids)) == len(ids):
        return table
    seen: set[str] = set()
    keep = []
    for i in ids:
        keep.append(i not in seen)
        seen.add(i)
    return table.filter(pa.array(keep))


def _with_clusters(table: pa.Table, clusters: pa.Table) -> pa.Table:
    positions = pc.index_in(table.column("id"), value_set=clusters.column("id"))
    for name in ("cluster_id", "cluster_size", "is_canonical", "similarity", "match"):
        table = table.append_column(CLUSTER_SCHEMA.field(name), clusters.column(name).take(positions))
    return table


# ------------------------------------------------------------------------------------------------
# Files


def _file_name(year: int | None, format: str) -> str:
    return f"{year if year is not None else 'undated'}.{format}"


def _write(table: pa.Table, path: Path, format: str) -> None:
    if format == "parquet":
        files_table = table.drop_columns(["source"])
        files_table = files_table.replace_schema_metadata({"archiver.schema_version": SCHEMA_VERSION})
        pq.write_table(files_table, path, **PARQUET_OPTIONS)
        return
    rows = table.to_pylist()
    names = table.column_names
    for row in rows:  # many JSON and CSV readers cannot hold an unsigned 64-bit integer: hex text instead
        if row.get("simhash") is not None:
            row["simhash"] = f"{row['simhash']:016x}"
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        if format == "jsonl":
            for row in rows:
                handle.write(json.dumps({k: _plain(row[k]) for k in names}, ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(names)
            for row in rows:
                writer.writerow([_csv_cell(_plain(row[k])) for k in names])


def _plain(value: Any) -> Any:
    """A JSON-ready value: UTC timestamps as ISO 8601 with Z, maps as objects."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, list):
        if value and isinstance(value[0], tuple):  # a map column reads back as (key, value) pairs
            return {k: v for k, v in value}
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 4)
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_manifest(folder: Path, format: str, filters: Filters, canonical_only: bool, stats: _Stats,
                    left_out: list[str]) -> None:
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        entries.append({"path": relative, "bytes": path.stat().st_size, "rows": stats.rows_by_file(relative),
                        "sha256": _sha256(path)})
    manifest = {
        "dataset": "archiver export",
        "archiver_version": __version__,
        "record_schema_version": SCHEMA_VERSION,
        "pyarrow_version": pa.__version__,
        "format": format,
        "records": stats.records,
        "selection": {**filters.describe(), "canonical_only": canonical_only, "versions": "current"},
        "files": entries,
    }
    if left_out:
        # Never a partial dataset that looks whole: the archive's files that could not be read.
        manifest["damaged_record_files_left_out"] = left_out
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8", newline="\n")
    lines = [f"{_sha256(p)}  {p.relative_to(folder).as_posix()}\n"
             for p in sorted(q for q in folder.rglob("*") if q.is_file() and q.name != "SHA256SUMS")]
    (folder / "SHA256SUMS").write_text("".join(lines), encoding="utf-8", newline="\n")


def _finish(temporary: Path, target: Path, overwrite: bool) -> tuple[int, int]:
    files = [p for p in temporary.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    for path in files:
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    if target.exists():
        if not overwrite:  # appeared while we worked
            raise InputError(f"{target} already exists (pass --overwrite to replace it)")
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(temporary, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(temporary, target)
    return len(files), size


# ------------------------------------------------------------------------------------------------
# The dataset card


class _Stats:
    """Counts gathered while the partitions are written (the card reports them)."""

    def __init__(self) -> None:
        self.records = 0
        self.filled: Counter[str] = Counter()
        self.per_partition: dict[tuple[str, int | None], int] = {}
        self.extractors: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.published: list[datetime] = []
        self.fetched: list[datetime] = []
        self.canonical = 0
        self.in_clusters = 0
        self.clusters: set[str] = set()
        self.undated = 0
        self._files: dict[str, int] = {}

    def add(self, table: pa.Table) -> None:
        n = table.num_rows
        self.records += n
        source = table.column("source")[0].as_py()
        year = table.column("year")[0].as_py()
        self.per_partition[(source, year)] = n
        for name in COVERAGE_FIELDS:
            has = has_value(table.column(name))
            self.filled[name] += pc.sum(has).as_py() or 0
        self.extractors.update(v or "unknown" for v in table.column("extractor_version").to_pylist())
        self.languages.update(v or "unknown" for v in table.column("language").to_pylist())
        for name, bucket in (("published", self.published), ("fetched_at", self.fetched)):
            low, high = pc.min(table.column(name)).as_py(), pc.max(table.column(name)).as_py()
            bucket.extend(v for v in (low, high) if v is not None)
        self.undated += table.column("published").null_count
        if "cluster_id" in table.column_names:
            self.canonical += pc.sum(table.column("is_canonical")).as_py() or 0
            self.in_clusters += pc.sum(pc.greater(table.column("cluster_size"), 1)).as_py() or 0
            self.clusters.update(table.column("cluster_id").to_pylist())
        self._files[f"{DATA_DIR}/source={partition_value(source)}/{_file_name(year, 'x')[:-1]}"] = n

    def rows_by_file(self, relative: str) -> int | None:
        stem = relative.rsplit(".", 1)[0] + "."
        return self._files.get(stem)


def _size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                         (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < limit:
            return label
    return "10M<n<100M"


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "unknown"


def dataset_card(stats: _Stats, format: str, filters: Filters, canonical_only: bool,
                 clusters_meta: dict[str, str], counts: dict[tuple[str, int | None], int]) -> str:
    """The README.md of an export: a Hugging Face dataset card made only from the data."""
    sources = sorted({s for s, _ in counts})
    languages = sorted(lang for lang in stats.languages if lang != "unknown")
    published = (min(stats.published), max(stats.published)) if stats.published else (None, None)
    fetched = (min(stats.fetched), max(stats.fetched)) if stats.fetched else (None, None)
    glob = f"{DATA_DIR}/**/*.{format}"
    hf_builder = {"parquet": "parquet", "jsonl": "json", "csv": "csv"}[format]
    lines = ["---"]
    lines.append(f"pretty_name: {json.dumps('Commentary blog archive: ' + ', '.join(sources[:5]) + (' and others' if len(sources) > 5 else ''))}")
    if languages:
        lines.append("language:")
        lines += [f"- {json.dumps(lang.split('-')[0])}" for lang in sorted({lang.split('-')[0] for lang in languages})]
    lines += [
        "license: other",
        "license_name: texts-belong-to-their-authors",
        "size_categories:",
        f"- {_size_category(stats.records)}",
        "task_categories:",
        "- text-classification",
        "tags:",
        "- commentary",
        "- op-eds",
        "- blogs",
        "- web-archive",
        "configs:",
        "- config_name: default",
        "  data_files:",
        "  - split: train",
        f"    path: {json.dumps(glob)}",
        "---",
        "",
        "# Commentary blog archive",
        "",
        f"{stats.records:,} posts from {len(sources)} source{'s' if len(sources) != 1 else ''} "
        f"({', '.join(sources)}), published from {_day(published[0])} to {_day(published[1])}"
        + (f" ({stats.undated:,} undated)" if stats.undated else "")
        + f", captured from {_day(fetched[0])} to {_day(fetched[1])}, archived with "
          f"archiver {__version__} (record schema {SCHEMA_VERSION}).",
        "",
        "Each record is one blog post: its title, the piece's author(s) apart from the blog account that "
        "posted it, the repost date apart from the original date, image captions with the photo credit "
        "split off, and the body text. The texts belong to their authors and publishers: check their terms "
        "before you redistribute them.",
        "",
        "Record schema 2 keeps the persons credited as author (`byline`) apart from the organisations "
        "(`byline_orgs`: news agencies, outlets, newsrooms); records archived under schema 1 have no "
        "`byline_orgs` (null), and their `byline` may hold an agency's name.",
        "",
        "## Files",
        "",
        f"- `{DATA_DIR}/source=<source>/<year>.{format}`: the records, one folder per source and one file per "
        f"UTC year of publication (`undated.{format}`: posts without a date).",
    ]
    if format == "parquet":
        lines.append("  Parquet (zstd). `source` is in the folder name only (hive partitioning); the readers "
                     "below add it as a column.")
    elif format == "jsonl":
        lines.append("  JSON Lines, UTF-8; timestamps are ISO 8601 in UTC (`Z`); `source` and `year` are also columns.")
    else:
        lines.append("  CSV, UTF-8, with a header; lists, captions and `field_sources` are JSON text; timestamps "
                     "are ISO 8601 in UTC (`Z`); `source` and `year` are also columns.")
    lines += [
        "- `manifest.json`: every file with its size, rows and SHA-256, and the selection that made this export.",
        "- `SHA256SUMS`: the same checksums: `sha256sum -c SHA256SUMS` checks the copy you have.",
        "",
        "## Loading",
        "",
    ]
    lines += _loading(format, glob, hf_builder)
    columns = [f for f in DATASET_SCHEMA]
    if stats.clusters:
        columns += [CLUSTER_SCHEMA.field(n) for n in CLUSTER_FIELDS]
    lines += ["## Schema", "", *field_rows(pa.schema(columns), COLUMN_DESCRIPTIONS)]
    lines += ["", "## Records per source and year", "", "| source | year | records |", "|---|---|---:|"]
    for (source, year), n in counts.items():
        lines.append(f"| {source} | {year if year is not None else 'undated'} | {n:,} |")
    per_source: dict[str, int] = defaultdict(int)
    for (source, _), n in counts.items():
        per_source[source] += n
    lines += ["", "| source | records |", "|---|---:|"]
    lines += [f"| {source} | {n:,} |" for source, n in sorted(per_source.items())]
    lines += [f"| **all** | **{stats.records:,}** |", ""]
    lines += ["## Field coverage", "", "Share of records where the field has a value (a non-empty list or text).", "",
              "| field | records | share |", "|---|---:|---:|"]
    for name in COVERAGE_FIELDS:
        filled = stats.filled[name]
        share = filled / stats.records if stats.records else 0.0
        lines.append(f"| `{name}` | {filled:,} | {share:.1%} |")
    lines += ["", "## Extraction", "",
              "Fields were extracted from the archived pages by archiver's platform rules over trafilatura; "
              "`field_sources` names the rule behind each field of each record.", "",
              "| extractor_version | records |", "|---|---:|"]
    lines += [f"| `{v}` | {n:,} |" for v, n in sorted(stats.extractors.items())]
    lines += ["", "## Versions and deduplication", "",
              "A post is one `id` (the hash of its canonical URL), whatever URL it was reached under. When a post "
              "was captured again with changed content, only its current version is exported (the highest "
              "`version`; then the latest `fetched_at`)."]
    if stats.clusters:
        description = clusters_meta.get("archiver.clusters.description", "")
        threshold = clusters_meta.get("archiver.clusters.threshold", "?")
        lines += [
            "",
            "`archiver dedupe` grouped the records that are the same piece (the same op-ed reposted on several "
            "blogs, retitled, trimmed or with boilerplate added) into clusters: records with the same "
            "`cluster_id` are one piece, and `is_canonical` marks the copy that stands for it (the original "
            "outlet's copy when known, else the earliest published).",
            "",
            f"- method: {description}",
            f"- similarity threshold: {threshold} (`similarity` is the estimated share of the shorter body's word "
            "5-grams found in the canonical body)",
            f"- clusters: {len(stats.clusters):,}; records with at least one duplicate: {stats.in_clusters:,}; "
            f"canonical records: {stats.canonical:,}",
        ]
        if canonical_only:
            lines.append("- this export holds canonical records only (`--canonical-only`).")
    else:
        lines += ["", "Near-duplicates were not marked (run `archiver dedupe` before exporting to add the clusters "
                  "columns)."]
    selection = filters.describe()
    chosen = [f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in selection.items() if v]
    lines += ["", "## Selection", "",
              ("Filters: " + "; ".join(chosen) + ".") if chosen else "All sources, all dates, all languages.", ""]
    return "\n".join(lines)


def _loading(format: str, glob: str, hf_builder: str) -> list[str]:
    if format == "parquet":
        return [
            "```python", "import pandas as pd", f'df = pd.read_parquet("{DATA_DIR}")', "```", "",
            "```python", "import polars as pl", f'df = pl.read_parquet("{glob}", hive_partitioning=True)', "```", "",
            "```python", "import duckdb",
            f"duckdb.sql(\"SELECT source, count(*) FROM read_parquet('{glob}', hive_partitioning=true) GROUP BY 1\")",
            "```", "",
            "```python", "import datasets, pandas as pd",
            f'ds = datasets.Dataset.from_pandas(pd.read_parquet("{DATA_DIR}"), preserve_index=False)',
            f'# or: datasets.load_dataset("parquet", data_files="{glob}")  (without the source column)',
            "```", "",
            "```python", "import pyarrow.dataset as ds",
            f'table = ds.dataset("{DATA_DIR}", format="parquet", partitioning="hive").to_table()', "```", "",
        ]
    if format == "jsonl":
        return [
            "```python", "import glob, pandas as pd",
            f'df = pd.concat([pd.read_json(f, lines=True) for f in sorted(glob.glob("{glob}", recursive=True))])',
            "```", "",
            "```python", "import polars as pl", f'df = pl.read_ndjson("{glob}")', "```", "",
            "```python", "import duckdb", f"duckdb.sql(\"SELECT source, count(*) FROM read_json('{glob}') GROUP BY 1\")",
            "```", "",
            "```python", "import datasets", f'ds = datasets.load_dataset("{hf_builder}", data_files="{glob}")', "```", "",
        ]
    return [
        "```python", "import glob, pandas as pd",
        f'df = pd.concat([pd.read_csv(f) for f in sorted(glob.glob("{glob}", recursive=True))])',
        "```", "",
        "```python", "import polars as pl", f'df = pl.read_csv("{glob}")', "```", "",
        "```python", "import duckdb", f"duckdb.sql(\"SELECT source, count(*) FROM read_csv('{glob}') GROUP BY 1\")",
        "```", "",
        "```python", "import datasets", f'ds = datasets.load_dataset("{hf_builder}", data_files="{glob}")', "```", "",
    ]
