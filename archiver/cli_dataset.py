"""The ``dedupe``, ``export`` and ``stats`` commands: options in, library calls, a printed summary."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

# The same values as archiver.clusters's (a test checks), so that `archiver --help` and the other
# commands do not load numpy and the dedupe machinery.
DEFAULT_THRESHOLD = 0.7
EDGE_FLOOR = 0.5


@contextmanager
def _folder(directory: str, write_back: bool = False) -> Iterator[str]:
    """The archive as a local folder: DIR itself, or for ``s3://BUCKET/PREFIX`` a local copy of its records
    and clusters (``archiver.objectstore.local_copy``), whose ``clusters/`` is written back when
    ``write_back`` and the command succeeds."""
    from archiver.objectstore import is_object_store, local_copy

    if not is_object_store(directory):
        yield directory
        return
    with local_copy(directory, ["records", "clusters"], write_back=["clusters"] if write_back else []) as folder:
        yield str(folder)


def _shown(path: Any, folder: str, directory: str) -> str:
    """A path of the archive as the user named it (not the local copy's)."""
    return str(path).replace(folder, directory.rstrip("/"), 1)


def _left_out(damaged: list[Any]) -> None:
    """Say that the result misses the record files the command could not read (each was named in a
    warning as it was found), and end with exit 1: the result is not whole."""
    if not damaged:
        return
    click.echo(f"incomplete: {len(damaged)} damaged record file{'s' if len(damaged) != 1 else ''} left out; "
               "`archiver check` lists the damage, and the next crawl of the archive fetches their posts again",
               err=True)
    sys.exit(1)


# An output folder, or an archive on object storage (s3://BUCKET/PREFIX).
_DIR = click.argument("directory", metavar="[DIR]", default="output", type=click.Path(file_okay=True))


@click.command()
@_DIR
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True,
              help=f"Similarity ({EDGE_FLOOR}-1.0) at which two bodies are the same piece: the estimated share of "
                   "the shorter body's word 5-grams found in the other.")
@click.option("--examples", type=int, default=5, show_default=True, help="How many of the largest clusters to show.")
def dedupe(directory: str, threshold: float, examples: int) -> None:
    """Find the records of DIR that are the same piece, across all sources and runs.

    DIR is an output folder or an archive on object storage (s3://BUCKET/PREFIX).

    Writes DIR/clusters/clusters.parquet (id, cluster_id, is_canonical, similarity, ...), never
    touching the records; join it to them on id. A rerun compares only the new records against
    the index kept in DIR/clusters/. The latest version of each post is the one clustered.

    \b
    Example:
      archiver dedupe output/
      archiver dedupe data/ --threshold 0.8
    """
    from archiver.clusters import dedupe as run_dedupe

    progress = (lambda message: click.echo(f"  {message}", err=True)) if sys.stderr.isatty() else None
    with _folder(directory, write_back=True) as folder:
        report = run_dedupe(folder, threshold=threshold, examples=max(examples, 0), progress=progress)
    older = report.stored - report.records
    click.echo(f"{report.records:,} posts in {_shown(report.output_dir, folder, directory)}"
               + (f" ({older:,} older versions or repeated captures set aside)" if older else "")
               + f"; {report.texts:,} distinct bodies"
               + (f", {report.without_body:,} posts without a body" if report.without_body else ""))
    index = "built" if report.rebuilt else "updated"
    click.echo(f"index {index}: {report.new_texts:,} new bodies compared with {report.indexed_texts:,} already "
               f"indexed ({report.compared_pairs:,} candidate pairs checked)")
    if report.clusters:
        click.echo(f"{report.clusters:,} clusters of the same piece hold {report.clustered_records:,} posts: "
                   f"{report.duplicates:,} duplicates ({report.exact_duplicates:,} exact copies, "
                   f"{report.near_duplicates:,} near-duplicates) of {report.clusters:,} canonical posts")
        click.echo("cluster sizes: " + ", ".join(f"{size}: {count:,}" for size, count in report.sizes.items()))
        if report.examples:
            click.echo("largest clusters:")
        for example in report.examples:
            title = example.title or "(untitled)"
            if len(title) > 70:
                title = title[:69] + "…"
            click.echo(f"  {example.cluster_id}  {example.size} posts on {len(example.sources)} "
                       f"source{'s' if len(example.sources) != 1 else ''}: \"{title}\" "
                       f"({example.published or 'undated'}; {', '.join(example.sources[:4])}"
                       f"{', …' if len(example.sources) > 4 else ''})")
    else:
        click.echo("no duplicates found")
    click.echo(f"clusters: {_shown(report.clusters_path, folder, directory)} "
               f"(threshold {report.threshold:g}, {report.seconds:.1f} s)")
    _left_out(report.damaged)


@click.command()
@_DIR
@click.option("--to", "to", required=True, type=click.Path(), help="The dataset folder to write (must not exist).")
@click.option("--format", "format", type=click.Choice(["parquet", "jsonl", "csv"]), default="parquet",
              show_default=True, help="File format of the data files.")
@click.option("--source", "sources", multiple=True, metavar="S", help="Only this source (repeatable).")
@click.option("--since", default=None, metavar="D", help="Only posts published on or after D (YYYY-MM-DD, UTC).")
@click.option("--until", default=None, metavar="D", help="Only posts published on or before D (YYYY-MM-DD, UTC).")
@click.option("--language", "languages", multiple=True, metavar="L",
              help="Only posts in language L ('en' also keeps 'en-GB'; repeatable).")
@click.option("--canonical-only", is_flag=True, help="One record per piece: the canonical record of each cluster "
              "(run archiver dedupe first).")
@click.option("--overwrite", is_flag=True, help="Replace the --to folder if it is an earlier export.")
def export(directory: str, to: str, format: str, sources: tuple[str, ...], since: str | None, until: str | None,
           languages: tuple[str, ...], canonical_only: bool, overwrite: bool) -> None:
    """Write the records of DIR as a dataset folder researchers can load and cite.

    DIR is an output folder or an archive on object storage (s3://BUCKET/PREFIX); --to is a local folder.

    The folder holds the data (hive-partitioned by source and year), a dataset card README.md
    (schema, counts, coverage, how to load it), manifest.json and SHA256SUMS. The same input
    gives the same bytes. Each post appears once, in its latest version.

    \b
    Example:
      archiver export output/ --to dataset/
      archiver export output/ --to op-eds-2023/ --since 2023-01-01 --until 2023-12-31 --canonical-only
      archiver export output/ --to sample/ --format jsonl --source blog.example.org --language en
    """
    from archiver.dataset import Filters, parse_day
    from archiver.export import export as run_export

    filters = Filters(sources=sources, since=parse_day(since, "--since"), until=parse_day(until, "--until", end=True),
                      languages=languages)
    with _folder(directory) as folder:
        report = run_export(folder, to, format=format, filters=filters, canonical_only=canonical_only,
                            overwrite=overwrite)
    sources_written = sorted({s for s, _ in report.counts})
    click.echo(f"exported {report.records:,} posts from {len(sources_written)} source"
               f"{'s' if len(sources_written) != 1 else ''} to {report.out}/ ({report.format}, {report.files} files, "
               f"{report.bytes / 1e6:.1f} MB)")
    click.echo("clusters columns: " + ("included" if report.deduplicated else "not included (run archiver dedupe first)"))
    click.echo(f"dataset card: {report.out}/README.md; checksums: {report.out}/manifest.json, {report.out}/SHA256SUMS")
    _left_out(report.damaged)


@click.command()
@_DIR
@click.option("--source", "sources", multiple=True, metavar="S", help="Only this source (repeatable).")
@click.option("--plot", type=click.Path(dir_okay=False), default=None, metavar="FILE.png",
              help="Also draw posts per month per source into FILE.png (needs matplotlib).")
def stats(directory: str, sources: tuple[str, ...], plot: str | None) -> None:
    """Print posts per source and month, field coverage and duplicate counts of DIR.

    DIR is an output folder or an archive on object storage (s3://BUCKET/PREFIX).

    \b
    Example:
      archiver stats output/
      archiver stats output/ --plot posts.png
    """
    from archiver.stats import archive_stats, format_stats, plot_stats

    with _folder(directory) as folder:
        result = archive_stats(folder, sources=sources)
    result.root = _shown(result.root, folder, directory)
    click.echo(format_stats(result))
    if plot:
        click.echo(f"\nplot: {plot_stats(result, plot)}")
    _left_out(result.damaged)
