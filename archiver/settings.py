"""Scrapy settings for archiver: polite defaults and the switches of archiver's components.

Every ``ARCHIVER_*`` setting is declared here, once, with its default and what it means; components
read it without a default of their own (tests/test_settings.py checks that each one read is here).
Any of them can be changed with ``archiver crawl -s NAME=VALUE``.
"""

import re
from importlib.metadata import version

BOT_NAME = "archiver"
SPIDER_MODULES = ["archiver.spiders"]
NEWSPIDER_MODULE = "archiver.spiders"

# Politeness: obey robots.txt, one host at a time at a modest pace, slower when it slows down.
ROBOTSTXT_OBEY = True
# The name robots.txt rules address archiver by ("User-agent: archiver"); "*" rules apply otherwise.
ROBOTSTXT_USER_AGENT = "archiver"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# A post that still fails after its retries is counted and listed in the crawl's summary.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
COOKIES_ENABLED = False
# Bounds on what one answer may weigh once decompressed (Scrapy stops inflating there): a post or other
# HTML page, and a listing (feed, sitemap, API answer; a sitemap may hold 50 MB by its protocol). A gzip
# bomb is refused at the bound instead of at Scrapy's 1 GiB; the page is named as failed.
ARCHIVER_MAX_PAGE_BYTES = 32 * 1024 * 1024
ARCHIVER_MAX_LISTING_BYTES = 64 * 1024 * 1024
DOWNLOAD_MAXSIZE = ARCHIVER_MAX_LISTING_BYTES
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
# A post page yields one item; Scrapy starts this many item tasks for every response it parses.
CONCURRENT_ITEMS = 8
TELNETCONSOLE_ENABLED = False
# Scrapy's remote control runs Python code sent to a local HTTP port: an unattended archiver keeps it closed.
REMOTE_CONTROL_ENABLED = False

# A descriptive User-Agent; the contact URL lets a site owner reach the people crawling.
ARCHIVER_CONTACT_URL = "https://github.com/archiver-project/archiver"
ARCHIVER_USER_AGENT = "archiver/{version} (research archive of commentary blogs; +{contact})"

# No private addresses (archiver/addresses.py): requests and DNS answers naming one are refused, except
# for the start addresses' hosts, or everywhere with --allow-private.
ARCHIVER_ALLOW_PRIVATE = False
# Scrapy 2.19 renamed the setting (the old name is deprecated); older versions know only the old one. Asked
# of the installed distribution, not of Scrapy: extraction workers read this module and import no Scrapy.
if tuple(map(int, re.findall(r"\d+", version("scrapy"))[:2])) >= (2, 19):
    TWISTED_DNS_RESOLVER = "archiver.addresses.PublicAddressResolver"
else:  # pragma: no cover - Scrapy before 2.19
    DNS_RESOLVER = "archiver.addresses.PublicAddressResolver"

DOWNLOADER_MIDDLEWARES = {
    # First, before robots.txt is asked for the host.
    "archiver.addresses.PrivateAddressMiddleware": 50,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    # Before anything is asked of the host: a page kept from earlier in the run, a redirect to a post fetched.
    "archiver.middlewares.KeptAnswerMiddleware": 40,
    "archiver.middlewares.KnownPostRedirectMiddleware": 60,
    "archiver.middlewares.ContactUserAgentMiddleware": 500,
    # After robots.txt (100) has been read for the host: its Crawl-delay is known by then.
    "archiver.middlewares.HostDelayMiddleware": 510,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "archiver.middlewares.BackoffRetryMiddleware": 550,
    # Below decompression (590) and redirects (600), above retries: keeps final, decoded answers.
    "archiver.middlewares.WarcCaptureMiddleware": 540,
}

SPIDER_MIDDLEWARES = {
    # Nearest the engine: sees the end of every callback's output.
    "archiver.middlewares.ReleaseParsedPageMiddleware": 10,
}

ITEM_PIPELINES = {
    "archiver.pipelines.extract.ExtractPipeline": 100,
    "archiver.pipelines.record.RecordPipeline": 200,
    "archiver.pipelines.scope.ScopePipeline": 250,
    "archiver.pipelines.versions.VersionsPipeline": 300,
    "archiver.pipelines.commit.CommitPipeline": 400,
}

EXTENSIONS = {
    # The run's lock, state, storage and bookkeeping; the pipelines and middlewares share it.
    "archiver.session.CrawlSession": 100,
    "archiver.progress.CrawlProgress": 500,
}

# Where records, state and raw pages go (the embedded default storage).
ARCHIVER_OUTPUT_DIR = "output"
# Where the crawl state lives: None for state.sqlite in the output folder, or a PostgreSQL database
# (postgresql://USER@HOST:PORT/DB) shared by runs on many machines, one run a source at a time.
ARCHIVER_STATE_URL = None
# The archive on object storage (s3://BUCKET/PREFIX), or None for the output folder itself. With one, the
# output folder is the run's local scratch folder: files are finished there, then uploaded whole.
ARCHIVER_OBJECT_STORE = None
# The broker of a cluster's crawls (redis://[:PASSWORD@]HOST:PORT/N): read by `archiver enqueue` and
# `archiver worker` from their --broker or the environment variable of this name; no crawl reads it.
ARCHIVER_BROKER_URL = None
# The run's id (``archiver crawl`` sets it; a spider started another way makes one).
ARCHIVER_RUN_ID = None

# The pipelines, each of which can be switched off (tests and benchmarks run parts of the chain).
ARCHIVER_EXTRACT_ENABLED = True
ARCHIVER_NORMALIZE_ENABLED = True
ARCHIVER_SCOPE_ENABLED = True
ARCHIVER_DEDUPE_ENABLED = True
ARCHIVER_STORE_ENABLED = True
# Extraction processes; 0 means one per core.
ARCHIVER_EXTRACT_WORKERS = 0
# Seconds one page's extraction may take; a page over it is a failed post ("extraction timed out after
# N s") and its worker goes on with the next (a pathological page must not hold a worker forever).
# The same limit holds in `archiver extract --manifest` and `archiver reextract`; 0 switches it off.
ARCHIVER_EXTRACT_TIMEOUT = 120
# Pages larger than this once their scripts, styles and inline data are set aside are not extracted
# (a named failure; kept in WARC): extraction holds about 25 times a page in memory. The largest of
# 1,131 real pages measured was 2.2 MB.
ARCHIVER_MAX_EXTRACT_BYTES = 4 * 1024 * 1024
# Records written to Parquet together (one file a source and year per batch), and at least this often
# (seconds; 0: only by count), so that a run killed or stalled keeps what it had extracted.
ARCHIVER_STORE_BATCH_SIZE = 500
ARCHIVER_STORE_FLUSH_SECONDS = 60.0
# Raw responses kept in WARC files, and the size at which a WARC file is closed and a new one begun.
ARCHIVER_WARC_ENABLED = True
ARCHIVER_WARC_MAX_BYTES = 1_000_000_000

# Retries of 429 and 5xx answers wait base * 2**attempt seconds (a Retry-After header wins), at most max.
ARCHIVER_BACKOFF_BASE = 1.0
ARCHIVER_BACKOFF_MAX = 60.0

# Listings: entries asked per feed or API page, and how many pages a feed may run to when it gives no
# total (Blogger) or pages back to its first (WordPress).
ARCHIVER_FEED_PAGE_SIZE = 100
ARCHIVER_FEED_MAX_PAGES = 200
ARCHIVER_WP_PAGE_SIZE = 100
ARCHIVER_SUBSTACK_PAGE_SIZE = 50  # Substack's archive API gives at most 50
# Substack answers faster clients 429: the least pause between requests to one Substack host.
ARCHIVER_SUBSTACK_DELAY = 1.0
# Sitemap files read a site (index chains included), at most.
ARCHIVER_SITEMAP_MAX_FILES = 1000
# Sitemap indexes below the one a site names, at most (real sites nest two or three: by year, then month).
ARCHIVER_SITEMAP_MAX_DEPTH = 4
# The archive walk: pages that are not posts read a blog at most, and how many at a time.
ARCHIVER_WALK_MAX_PAGES = 2000
ARCHIVER_WALK_CONCURRENCY = 2
# Pages nothing placed are kept in memory (their bytes at most, the whole crawl) until their blog's discovery
# ends, so that those then found to be posts are not fetched a second time; pages past the bound are.
ARCHIVER_WALK_KEEP_BYTES = 32 * 1024 * 1024

# The progress line on stderr: "auto" (when stderr is a terminal), "always" or "never"; seconds between updates.
ARCHIVER_PROGRESS = "auto"
ARCHIVER_PROGRESS_INTERVAL = 1.0

# Drops of duplicate items are expected, not warnings.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# Scrapy builds a debug message for every response and item; this formatter skips it unless shown.
LOG_FORMATTER = "archiver.logformatter.QuietLogFormatter"
