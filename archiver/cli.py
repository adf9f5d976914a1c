"""The ``archiver`` command: a thin layer over the library. Errors are one line, never a traceback."""

from __future__ import annotations

import json
import logging
import math
import sys
from pathlib import Path
from typing import Any

import click

from archiver import __version__
from archiver.errors import ArchiverError, InputError, StateUnavailableError
from archiver.sources import PLATFORMS


class ArchiverGroup(click.Group):
    """Turns the library's errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ArchiverError as error:
            click.echo(f"archiver: error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=ArchiverGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver")
def main() -> None:
    """Archive commentary blogs (Blogger first) into Parquet datasets for research."""


DEMO_PORT = 8631
DEFAULT_SOURCES = "sources.toml"


def _crawl_options(function: Any) -> Any:
    options = [
        click.option("--out", "out", type=click.Path(file_okay=False), default="output", show_default=True,
                     help="Output folder: records/ (Parquet) go there; or an archive on object storage, "
                          "s3://BUCKET/PREFIX (endpoint and credentials from the AWS environment; needs --state)."),
        click.option("--delay", type=click.FloatRange(0, 3600), default=None,
                     help="Seconds between requests to one host (default 0.5, at least 1 on Substack; "
                          "AutoThrottle adapts it; a robots.txt Crawl-delay is kept)."),
        click.option("--contact", default=None, help="A URL or e-mail for site owners, put in the User-Agent."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Extraction processes (default: all cores)."),
        click.option("--log-file", type=click.Path(dir_okay=False), default=None, help="Write the full log there."),
        click.option("-v", "--verbose", is_flag=True, help="Log what the crawl does (INFO level)."),
        click.option("--max-run-time", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
                     help="Stop the run cleanly after this many seconds: what was extracted is stored, and the "
                          "archives not read to their end are reported incomplete (exit 1)."),
        click.option("--allow-private", is_flag=True,
                     help="Follow links, redirects and listings to private and loopback addresses too "
                          "(by default only the start addresses' hosts may be private)."),
        click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
                     help="Override a Scrapy or ARCHIVER_* setting (repeatable)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), default=None,
              help="A sources file to crawl (default: sources.toml when no URL is given).")
@click.option("--platform", type=click.Choice(PLATFORMS), default="auto", show_default=True,
              help="The URLs' platform; auto detects it from each site.")
@click.option("--include-pages", is_flag=True, help="Also archive static pages (Blogger's /p/ pages).")
@click.option("--scope", default=None, metavar="PATH",
              help="Archive only the addresses under this folder (e.g. /opinion/).")
@click.option("--source", default=None, help="Source name for the URLs' records (default: the site's host).")
@click.option("--full", is_flag=True, help="Fetch every post again, not only new and changed ones.")
@click.option("--since", default=None, metavar="DATE", help="Leave out posts the site's listings date before DATE.")
@click.option("--state", "state_url", default=None, envvar="ARCHIVER_STATE_URL", metavar="URL",
              help="Keep the crawl state in this PostgreSQL database (postgresql://USER@HOST:PORT/DB; or "
                   "$ARCHIVER_STATE_URL), shared by runs on many machines, one run a source at a time "
                   "(default: state.sqlite in the output folder).")
@click.option("--shard", default=None, metavar="I/N",
              help="Crawl only shard I (0 to N-1) of N of the sources file, split by host: the same file and N "
                   "on every machine of a Kubernetes Indexed Job or Slurm job array archive each host once.")
@_crawl_options
def crawl(urls: tuple[str, ...], sources_file: str | None, platform: str, include_pages: bool, scope: str | None,
          source: str | None, full: bool, since: str | None, state_url: str | None, shard: str | None,
          **options: Any) -> None:
    """Archive every post of the blog at each URL, or of every source in the sources file.

    Blogger, WordPress and Substack are recognised from the site itself; any other site is
    read through its sitemaps, feeds and links. Incremental: a run over an output folder that
    already holds a blog fetches only its listings and the posts that are new or changed.

    \b
    Example:
      archiver crawl https://example.blogspot.com/ --out data/
      archiver crawl https://blog.example.org/ https://example.substack.com/
      archiver crawl --sources sources.toml --since 2024-01-01
      archiver crawl --state postgresql://archiver@db.example.org:5432/archive URL
      archiver crawl --sources sources.toml --shard 2/8 --state postgresql://…
      archiver crawl            # every source in ./sources.toml
    """
    from archiver.crawl import run_crawl
    from archiver.sources import in_shard, load_sources, parse_shard

    shard_index = None
    if shard is not None:
        if urls:
            raise InputError("--shard splits a sources file: give --sources FILE, not URLs")
        try:
            shard_index = parse_shard(shard)
        except ValueError as error:
            raise InputError(f"--shard: {error}") from None
    configs = load_sources(sources_file or DEFAULT_SOURCES) if sources_file or not urls else None
    if shard_index is not None and configs is not None:
        configs = in_shard(configs, *shard_index)
        if not configs:
            click.echo(f"shard {shard} holds none of the sources: nothing to crawl")
            return
    settings = {"ARCHIVER_STATE_URL": state_url or None, **_settings(options)}
    report = run_crawl(
        list(urls),
        options["out"],
        sources=configs,
        platform=platform,
        settings=settings,
        include_pages=include_pages,
        scope=scope,
        source=source,
        full=full,
        since=since,
    )
    _print_summary(report)
    sys.exit(report.exit_code)


_BROKER = click.option("--broker", required=True, envvar="ARCHIVER_BROKER_URL", metavar="URL",
                       help="The Celery broker: redis://[:PASSWORD@]HOST:PORT/N (or $ARCHIVER_BROKER_URL).")
_STATE = click.option("--state", "state_url", default=None, envvar="ARCHIVER_STATE_URL", metavar="URL",
                      help="The cluster's shared state: postgresql://USER@HOST:PORT/DB (or $ARCHIVER_STATE_URL).")


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), default=None,
              help="A sources file to enqueue (default: sources.toml when no URL is given).")
@click.option("--requeue", is_flag=True,
              help="Send the tasks of sources still queued again: for a broker that lost its queue (Redis "
                   "restarted without persistence, its queue flushed). A lost task that turns up after all "
                   "finds its sources taken by the new one and crawls nothing.")
@_BROKER
@_STATE
def enqueue(urls: tuple[str, ...], sources_file: str | None, requeue: bool, broker: str, state_url: str | None) -> None:
    """Queue the sites for a cluster's workers (`archiver worker`): one task a host, with all its sources.

    Sources already queued or running are left as they are: enqueueing again runs nothing twice
    (--requeue sends the queued ones again).

    \b
    Example:
      archiver enqueue --sources sources.toml --broker redis://queue:6379/0 --state postgresql://…
    """
    from archiver.cluster import enqueue as put
    from archiver.sources import load_sources, parse_source

    if sources_file or not urls:
        configs = load_sources(sources_file or DEFAULT_SOURCES)
    else:
        try:
            configs = [parse_source({"url": url}) for url in urls]
        except ValueError as error:
            raise InputError(str(error)) from None
        names = [config.name for config in configs]
        if len(set(names)) < len(names):  # a source is named after its host: the state must tell them apart
            raise InputError("two addresses on one host: name them in a sources file (--sources)")
    report = put(configs, broker, state_url, requeue=requeue)
    for site, names in report.queued.items():
        click.echo(f"queued {site}: {', '.join(names)}")
    if report.skipped:
        click.echo(f"already queued or running, left as they are: {', '.join(report.skipped)}")
    click.echo(f"{len(report.queued)} tasks queued for {sum(map(len, report.queued.values()))} sources")


@main.command()
@_BROKER
@_STATE
@click.option("--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="Sites this worker crawls at once (each in an `archiver crawl` process).")
@click.option("--visibility-timeout", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="How long a task may run unacknowledged before Redis gives it to another worker: longer than "
                   "the longest crawl of one site (default 3600). A dead worker's site is taken up after it.")
@click.option("--retry-after", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Try a site whose sources another run holds again after this long; a failed crawl after this "
                   "long, then twice this long.")
@_crawl_options
def worker(broker: str, state_url: str | None, concurrency: int, visibility_timeout: float | None,
           retry_after: float, **options: Any) -> None:
    """Run a worker of the cluster: crawl the sites `archiver enqueue` queued, until stopped.

    Each site is crawled by `archiver crawl` with the crawl options given here: into the one archive
    on object storage (--out s3://BUCKET/PREFIX), or into its own folder under a local --out
    (OUT/HOST). A crawl that fails is tried again later, three crawls at most; one whose sources
    another run holds (exit 75) is tried again a minute later (--retry-after).

    \b
    Example:
      archiver worker --broker redis://queue:6379/0 --state postgresql://… --out /data/archive --concurrency 4
    """
    from archiver.cluster import VISIBILITY_TIMEOUT, WorkerConfig, run_worker

    if not state_url:
        raise InputError("a cluster's workers share one state: give --state postgresql://USER@HOST:PORT/DB "
                         "(or $ARCHIVER_STATE_URL)")
    timeout = visibility_timeout or VISIBILITY_TIMEOUT
    if retry_after * 2 >= timeout:
        # Redis hands a task waiting for its retry to a worker at once, unacknowledged: one kept past the
        # visibility timeout would be given to a second worker too.
        raise InputError(f"--retry-after ({retry_after:g} s) must be less than half the visibility timeout "
                         f"({timeout:g} s)")
    _settings(options)  # checks the --set values now, and sets up the console log
    config = WorkerConfig(state_url=state_url, out=options["out"], crawl_args=_crawl_argv(options),
                          retry_after=retry_after)
    run_worker(broker, config, concurrency, timeout)


@main.command()
@click.option("--state", "state_url", default=None, envvar="ARCHIVER_STATE_URL", metavar="URL",
              help="The state to read: postgresql://USER@HOST:PORT/DB (or $ARCHIVER_STATE_URL).")
@click.option("--out", "out", type=click.Path(file_okay=False, exists=True), default="output", show_default=True,
              help="Without --state: the output folder whose state.sqlite to read.")
def status(state_url: str | None, out: str) -> None:
    """List each source's last run (done, incomplete, failed, running) or its place in the queue (queued,
    running, failed: given up), with its run's counts.

    \b
    Example:
      archiver status --state postgresql://archiver@db.example.org:5432/archive
    """
    from archiver.cluster import source_status
    from archiver.session import open_state

    state = open_state(state_url, out)
    try:
        rows = source_status(state)
    finally:
        state.close()
    width = max((len(row["source"]) for row in rows), default=0)
    for row in rows:
        click.echo(f"{row['source']:<{width}}  {row['status']:<10}  {row['detail']}")
    totals = {name: sum(row["status"] == name for row in rows) for name in dict.fromkeys(r["status"] for r in rows)}
    click.echo(f"{len(rows)} sources: " + (", ".join(f"{n} {name}" for name, n in totals.items()) or "none run yet"))


def _crawl_argv(options: dict[str, Any]) -> list[str]:
    """The crawl options given to a worker, as `archiver crawl` arguments for each of its crawls (--out
    aside: each site has its folder under it; -v aside: it is the worker's console)."""
    argv: list[str] = []
    # --log-file too: every crawl appends its full log to it (Scrapy's LOG_FILE_APPEND), a line at a time.
    for name, flag in (("delay", "--delay"), ("contact", "--contact"), ("workers", "--workers"),
                       ("max_run_time", "--max-run-time"), ("log_file", "--log-file")):
        if options.get(name) is not None:
            argv += [flag, str(options[name])]
    if options.get("allow_private"):
        argv.append("--allow-private")
    for override in options.get("overrides") or ():
        argv += ["--set", override]
    return argv


@main.command()
@_crawl_options
def demo(**options: Any) -> None:
    """Serve the bundled sample blog on 127.0.0.1 and archive it (works offline).

    \b
    Example:
      archiver demo --out output/
    """
    from archiver.crawl import run_crawl
    from archiver.demo.sample import sample_site
    from archiver.demo.server import BlogServer

    settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}
    settings.update(_settings(options))
    # A fixed port keeps the sample blog the same blog from one demo run to the next
    # (its address is its identity), so a second run shows an incremental crawl.
    server = BlogServer(sample_site(), port=DEMO_PORT)
    try:
        server.start()
    except OSError:
        server = BlogServer(sample_site())
    with server:
        click.echo(f"serving the sample blog at {server.base_url}/")
        report = run_crawl(
            [server.base_url + "/"], options["out"], settings=settings
        )
    _print_summary(report)
    if report.counts["archived"]:
        records = report.output_dir / "records"
        click.echo(
            f"\nread it with:  {_python_command()} -c \"import pyarrow.dataset as ds; "
            f"t = ds.dataset('{records}', partitioning='hive').to_table(); "
            f"print(t.select(['published', 'title', 'byline', 'poster']))\""
        )
    sys.exit(report.exit_code)


@main.group()
def sources() -> None:
    """Work with the sources file."""


@sources.command("check")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), default=DEFAULT_SOURCES, show_default=True)
@click.option("--offline", is_flag=True, help="Only validate the file; do not visit the sites.")
@_crawl_options
def sources_check(sources_file: str, offline: bool, **options: Any) -> None:
    """Validate the sources file and say which platform each site runs on.

    \b
    Example:
      archiver sources check
      archiver sources check --sources my-sources.toml --offline
    """
    import tempfile

    from archiver.crawl import run_crawl
    from archiver.sources import load_sources

    configs = load_sources(sources_file)
    if offline:
        for config in configs:
            click.echo(f"{config.name}: {config.url} (platform {config.platform})")
        click.echo(f"{sources_file}: {len(configs)} sources, all valid")
        return
    with tempfile.TemporaryDirectory(prefix="archiver-check-") as scratch:
        report = run_crawl([], scratch, sources=configs, settings=_settings(options), detect_only=True)
    for config in configs:
        problem = next((e for e in report.blog_errors if e.startswith(config.url)), None)
        found = report.platforms.get(config.name)
        click.echo(f"{config.name}: {config.url}: " + (f"error: {problem}" if problem else f"{found}"))
    click.echo(f"{sources_file}: {len(configs)} sources, {len(report.blog_errors)} with errors")
    sys.exit(2 if report.blog_errors else 0)


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False), default="output", show_default=True,
              help="The output folder whose records to rebuild, or an archive on object storage (s3://BUCKET/PREFIX).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Extraction processes (default: all cores).")
def reextract(out: str, workers: int | None) -> None:
    """Rebuild the records from the raw pages in the WARC files, with the current extractor.

    Touches no network. Each record keeps its id, URLs, capture time, run and version; its
    extracted fields and extractor_version are new.

    \b
    Example:
      archiver reextract --out output/
    """
    from archiver.objectstore import is_object_store, local_copy
    from archiver.reextract import reextract as rebuild

    if is_object_store(out):
        # The records and the WARC files are read from a local copy; the new record files are uploaded,
        # then the old ones deleted. Run no crawl of the archive meanwhile: only a folder has a lock.
        with local_copy(out, ["records", "warc"], write_back=["records"]) as folder:
            report = rebuild(folder, workers=workers)
    else:
        report = rebuild(out, workers=workers)
    click.echo(
        f"{report.rebuilt} of {report.records} records rebuilt with extractor {report.extractor_version or '-'}; "
        f"{report.kept} kept as they were (no raw page), {report.failed} kept because extraction failed"
    )
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("directory", metavar="[DIR]", default="output", type=click.Path(file_okay=False, exists=True))
def check(directory: str) -> None:
    """Read every record file of DIR to its last row and check its crawl state; list what is damaged.

    Exit 0 when nothing is damaged, 1 when something is. A crawl of DIR sets damaged record files
    aside and fetches their posts again; a damaged crawl state must be restored or moved aside.

    \b
    Example:
      archiver check output/
    """
    from archiver.damage import check_archive

    report = check_archive(Path(directory))
    for file in report.damaged:
        click.echo(f"damaged: {file.path}: {file.reason} (the next crawl sets it aside and fetches its posts again)")
    if report.state_problem:
        click.echo(f"damaged: the crawl state {Path(directory) / 'state.sqlite'}: {report.state_problem} "
                   "(restore it from a backup, or move it aside: the next run then fetches every post again)")
    for path in report.set_aside:
        click.echo(f"set aside earlier: {path} (its posts were fetched again; delete it once inspected)")
    good = report.record_files - len(report.damaged)
    click.echo(f"{directory}: {good} of {report.record_files} record files read whole; crawl state "
               + ("damaged" if report.state_problem else "ok"))
    sys.exit(0 if report.clean else 1)


@main.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option("--url", default=None, help="The page's URL (resolves links; some rules use it).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False), default=None,
              help='JSON lines {"id", "url", "path"} of pages to extract (paths relative to the manifest).')
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="With --manifest: write the JSON lines there (default: standard output).")
@click.option("--jobs", type=int, default=None, help="With --manifest: processes (default: all cores).")
def extract(page: str | None, url: str | None, manifest: str | None, output: str | None, jobs: int | None) -> None:
    """Extract saved pages (.html or .html.gz): print one page's record as JSON, or a manifest's as JSON lines.

    \b
    Example:
      archiver extract saved/post.html --url https://example.blogspot.com/2022/01/post.html
      archiver extract --manifest pages.jsonl --output records.jsonl --jobs 2
    """
    if (page is None) == (manifest is None):
        raise click.UsageError("give either a PAGE or --manifest FILE")
    if manifest is not None:
        from archiver.extraction.batch import run_manifest

        summary = run_manifest(Path(manifest), Path(output) if output else None, jobs=jobs)
        click.echo(f"{summary.ok} of {summary.pages} pages extracted, {summary.failed} failed, "
                   f"in {summary.seconds:.1f} s", err=True)
        sys.exit(1 if summary.failed else 0)
    from archiver.extraction import extract as extract_page
    from archiver.extraction.batch import read_page

    assert page is not None  # the first check: without --manifest there is a PAGE
    try:
        html = read_page(Path(page))
    except (OSError, EOFError) as error:
        raise ArchiverError(f"cannot read {page}: {error}") from None
    if b"\x00" in html[:4096]:
        raise ArchiverError(f"{page} is not an HTML page (it holds binary data)")
    try:
        record = extract_page(url, html)
    except ValueError as error:  # an empty page, a document lxml cannot read
        raise ArchiverError(f"cannot extract {page}: {error}") from None
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


def _python_command() -> str:
    """This Python, as a user in the current folder would type it."""
    executable = Path(sys.executable)
    try:
        return str(executable.relative_to(Path.cwd()))
    except ValueError:
        return str(executable)


class _ConsoleFormatter(logging.Formatter):
    """``archiver: warning: message``, without the traceback a user cannot act on."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__("archiver: %(levelname)s: %(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        record.levelname = record.levelname.lower()
        if self.tracebacks:
            return super().format(record)
        return self.formatMessage(self._with_message(record))

    @staticmethod
    def _with_message(record: logging.LogRecord) -> logging.LogRecord:
        record.message = record.getMessage()
        return record


def _console_worthy(record: logging.LogRecord) -> bool:
    """archiver's warnings, and Scrapy's errors except those archiver reports in its own words."""
    if record.name.startswith("archiver"):
        return True
    if record.name == "scrapy.downloadermiddlewares.robotstxt":
        return False  # an unreachable host: the crawl's summary says so
    if record.exc_info and isinstance(record.exc_info[1], StateUnavailableError):
        return False  # the state's database gone: the run stops and says so once (CrawlSession.write_failed)
    return record.levelno >= logging.ERROR


def _settings(options: dict[str, Any]) -> dict[str, Any]:
    """Scrapy settings from the command's options; also sets up the console log."""
    verbose = bool(options.get("verbose"))
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(_ConsoleFormatter(tracebacks=verbose))
    if not verbose:
        console.addFilter(_console_worthy)
    logging.root.addHandler(console)
    logging.root.setLevel(logging.INFO)  # handlers choose what they show; the root must not drop it first
    logging.captureWarnings(True)  # a library's warnings go to the log (file), not between the progress lines
    # Scrapy's own handler writes only to the log file, when there is one.
    settings: dict[str, Any] = {"LOG_INSTALL_ROOT_HANDLER": bool(options.get("log_file")), "LOG_LEVEL": "INFO"}
    if options.get("log_file"):
        settings["LOG_FILE"] = options["log_file"]
    if options.get("delay") is not None:
        settings["DOWNLOAD_DELAY"] = options["delay"]
        settings["ARCHIVER_SUBSTACK_DELAY"] = options["delay"]  # the user's pause, on every platform
    if options.get("contact"):
        settings["ARCHIVER_CONTACT_URL"] = options["contact"]
    if options.get("max_run_time"):
        settings["CLOSESPIDER_TIMEOUT"] = options["max_run_time"]  # Scrapy's CloseSpider extension stops it
    if options.get("allow_private"):
        settings["ARCHIVER_ALLOW_PRIVATE"] = True
    if options.get("workers"):
        settings["ARCHIVER_EXTRACT_WORKERS"] = options["workers"]
    for override in options.get("overrides") or ():
        name, sep, value = override.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {override!r}", param_hint="--set")
        settings[name.strip()] = _setting_value(name.strip(), value)
    return settings


def _setting_value(name: str, value: str) -> Any:
    """A ``--set`` value checked against the type of the setting's default (archiver's or Scrapy's), so
    that ``CONCURRENT_REQUESTS=abc`` is one line now rather than a traceback mid-crawl."""
    import archiver.settings
    from scrapy.settings import default_settings

    default = getattr(archiver.settings, name, getattr(default_settings, name, None))
    try:
        if isinstance(default, bool):
            if value.strip().lower() not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                raise ValueError
        elif isinstance(default, int):
            int(value)
        elif isinstance(default, float) and not math.isfinite(float(value)):
            raise ValueError
    except ValueError:
        kind = "true or false" if isinstance(default, bool) else f"a finite {type(default).__name__}"
        raise click.BadParameter(f"{name} must be {kind}, got {value!r}", param_hint="--set") from None
    return value


def _print_summary(report: Any) -> None:
    for error in report.blog_errors:
        click.echo(f"archiver: error: {error}", err=True)
    counts = report.counts
    click.echo(
        f"run {report.run_id}: {counts['found']} posts found, {counts['fetched']} fetched, "
        f"{counts['unchanged']} unchanged; {counts['archived']} archived "
        f"({counts['new_versions']} new versions), {counts['skipped']} skipped (duplicates), "
        f"{counts['failed']} failed, {counts['missing']} no longer listed (kept); in {report.seconds:.1f} s"
    )
    for line in report.incomplete:
        click.echo(line)
    if report.damaged_files:
        files = report.damaged_files["set_aside"]
        click.echo(f"{len(files)} damaged record file{'s' if len(files) != 1 else ''} set aside (renamed _*.damaged): "
                   f"{report.damaged_files['posts_refetched']} posts whose records they held were fetched again")
    if counts["errors"]:
        click.echo(f"errors: {counts['errors']} errors raised in archiver's own code (tracebacks in the run report): "
                   "what their pages listed or held may be missing")
    if counts["forbidden"]:
        click.echo(f"{counts['forbidden']} posts left out: the site's robots.txt forbids them to archiver")
    if counts["found"] and not counts["fetched"] and not report.failures:
        click.echo("nothing new: no post page was fetched and no record written")
    for url, reason in report.failures[:10]:
        click.echo(f"  failed: {url}: {reason}")
    if len(report.failures) > 10:
        click.echo(f"  ... and {len(report.failures) - 10} more (see {report.run_report})")
    click.echo(f"data: {report.location('records')} ({counts['files']} new files); "
               f"run report: {report.run_report}")
    if report.interrupted:
        click.echo("the crawl was interrupted: what was extracted before the stop is stored; run it again for the rest")
    elif report.finish_reason == "disk_full":
        click.echo(f"the run stopped when the disk filled: {counts['not_reached']} posts found were not reached; "
                   "free some space and run it again for the rest")
    elif report.finish_reason == "storage_failed":
        click.echo(f"the run stopped when the object storage failed: {counts['not_reached']} posts found were not "
                   "reached; run it again for the rest")
    elif report.finish_reason == "closespider_timeout":
        click.echo("the run stopped at its time limit (--max-run-time): what was extracted is stored; "
                   "run it again for the rest")


from archiver.cli_dataset import dedupe, export, stats  # noqa: E402

main.add_command(dedupe)
main.add_command(export)
main.add_command(stats)


if __name__ == "__main__":
    main()
