"""What an output folder holds: posts per source and month, field coverage, duplicates."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from archiver.damage import DamagedFile
from archiver.dataset import check_sources, has_value, open_archive
from archiver.clusters import read_clusters, stale_records
from archiver.errors import InputError

UNDATED = "undated"
#: field shown -> column it is measured on
COVERAGE = {"title": "title", "byline": "byline", "date": "published", "original date": "original_published",
            "captions": "captions", "body": "content_hash", "language": "language"}


@dataclass
class ArchiveStats:
    root: str  #: the archive, as its reader named it
    stored: int = 0  #: rows in the record files
    records: int = 0  #: current records, one per post
    sources: list[str] = field(default_factory=list)
    per_month: dict[tuple[str, str], int] = field(default_factory=dict)  #: (source, YYYY-MM) -> posts
    coverage: dict[str, int] = field(default_factory=dict)  #: field -> records with a value
    texts: int = 0  #: distinct bodies
    with_body: int = 0
    clusters_state: str = "missing"  #: missing, current, stale
    clusters: int = 0  #: clusters of two or more records
    exact_duplicates: int = 0
    near_duplicates: int = 0
    #: record files that could not be read: their records are not counted
    damaged: list[DamagedFile] = field(default_factory=list)

    @property
    def months(self) -> list[str]:
        months = sorted({m for _, m in self.per_month if m != UNDATED})
        if any(m == UNDATED for _, m in self.per_month):
            months.append(UNDATED)
        return months

    @property
    def repeated_texts(self) -> int:
        """Records whose body is word for word the body of another record."""
        return self.with_body - self.texts


def archive_stats(path: str | os.PathLike[str], sources: Sequence[str] = ()) -> ArchiveStats:
    archive = open_archive(path)
    check_sources(archive, sources)
    columns = ["source", "published", "title", "byline", "original_published", "captions", "content_hash",
               "language"]
    filter = pc.field("source").isin(list(sources)) if sources else None
    current = archive.current(columns, filter=filter)
    stats = ArchiveStats(str(archive.root), sources=sorted(set(current.column("source").to_pylist())),
                         damaged=archive.damaged)
    stats.stored = sum(f.rows for f in archive.files if not sources or f.source in sources)
    stats.records = current.num_rows
    month = pc.fill_null(pc.strftime(current.column("published"), format="%Y-%m"), UNDATED)
    counts = pa.table({"source": current.column("source"), "month": month}).group_by(["source", "month"]).aggregate(
        [([], "count_all")])
    stats.per_month = {(s, m): n for s, m, n in zip(counts.column("source").to_pylist(),
                                                   counts.column("month").to_pylist(),
                                                   counts.column("count_all").to_pylist())}
    for label, name in COVERAGE.items():
        has = has_value(current.column(name))
        stats.coverage[label] = int(pc.sum(has).as_py() or 0)
    hashes = current.column("content_hash")
    stats.with_body = len(hashes) - hashes.null_count
    stats.texts = len(pc.unique(hashes.drop_null()))

    clusters = read_clusters(archive.root)
    if clusters is not None:
        stats.clusters_state = "stale" if stale_records(current, clusters) else "current"
        if sources:
            clusters = clusters.filter(pc.is_in(clusters.column("source"), value_set=pa.array(list(sources))))
        multi = clusters.filter(pc.greater(clusters.column("cluster_size"), 1))
        stats.clusters = len(pc.unique(multi.column("cluster_id")))
        matches = Counter(multi.column("match").to_pylist())
        stats.exact_duplicates = matches.get("content_hash", 0)
        stats.near_duplicates = matches.get("near_duplicate", 0)
    return stats


def format_stats(stats: ArchiveStats) -> str:
    lines = [f"{stats.root}: {stats.records:,} posts from {len(stats.sources)} source"
             f"{'s' if len(stats.sources) != 1 else ''}"
             + (f" ({stats.stored - stats.records:,} older versions or repeated captures not counted)"
                if stats.stored > stats.records else ""), "", "posts per month"]
    names = [s if len(s) <= 24 else s[:23] + "…" for s in stats.sources]
    widths = [max(len(n), 6) for n in names]
    header = "  month    " + "  ".join(n.rjust(w) for n, w in zip(names, widths)) + "    total"
    lines.append(header)
    for month in stats.months:
        values = [stats.per_month.get((s, month), 0) for s in stats.sources]
        lines.append(f"  {month:<7}  " + "  ".join(f"{v:>{w},}" for v, w in zip(values, widths))
                     + f"  {sum(values):>7,}")
    totals = [sum(n for (s, _), n in stats.per_month.items() if s == source) for source in stats.sources]
    lines.append("  total    " + "  ".join(f"{v:>{w},}" for v, w in zip(totals, widths)) + f"  {sum(totals):>7,}")
    lines += ["", "field coverage (share of posts with a value)"]
    for label, filled in stats.coverage.items():
        share = filled / stats.records if stats.records else 0.0
        lines.append(f"  {label:<14} {share:7.1%}  ({filled:,})")
    lines += ["", "duplicates"]
    lines.append(f"  same text as another post: {stats.repeated_texts:,} post{'s' if stats.repeated_texts != 1 else ''} "
                 f"({stats.texts:,} distinct bodies in {stats.with_body:,} posts with a body)")
    if stats.clusters_state == "missing":
        lines.append("  near-duplicates: not measured (run archiver dedupe)")
    else:
        lines.append(f"  clusters of the same piece: {stats.clusters:,}; duplicates in them: "
                     f"{stats.exact_duplicates + stats.near_duplicates:,} ({stats.exact_duplicates:,} exact, "
                     f"{stats.near_duplicates:,} near)")
        if stats.clusters_state == "stale":
            lines.append("  (the clusters predate the latest records: run archiver dedupe again)")
    return "\n".join(lines)


def plot_stats(stats: ArchiveStats, png: str | os.PathLike[str]) -> Path:
    """Draw posts per month per source into ``png``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        raise InputError("--plot needs matplotlib: pip install 'archiver[plot]'") from None
    target = Path(png)
    if target.suffix.lower() != ".png":
        raise InputError(f"--plot: {png} is not a .png file name")
    months = _month_range([m for m in stats.months if m != UNDATED])
    figure, axes = plt.subplots(figsize=(max(6.0, min(16.0, 0.35 * len(months) + 4)), 4.5), dpi=100)
    for source in stats.sources:
        axes.plot(range(len(months)), [stats.per_month.get((source, m), 0) for m in months], marker="o",
                  markersize=3, label=source)
    step = max(1, len(months) // 12)
    axes.set_xticks(range(0, len(months), step))
    axes.set_xticklabels(months[::step], rotation=45, ha="right")
    axes.set_ylabel("posts")
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axes.set_title(f"Posts per month ({stats.records:,} posts)")
    axes.grid(alpha=0.3)
    if stats.sources:
        axes.legend(fontsize="small", loc="upper left")
    figure.tight_layout()
    try:
        figure.savefig(target, format="png")
    except OSError as error:
        raise InputError(f"cannot write {png}: {error.strerror or error}") from None
    finally:
        plt.close(figure)
    return target


def _month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last of ``months`` (a month without posts is a zero, not a gap)."""
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= months[-1]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
