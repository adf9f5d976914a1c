"""Scrapy settings for archiver: polite defaults and the switches of archiver's components.

Every ``ARCHIVER_*`` setting is documented in the component that reads it.
"""

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
# A post page yields one item; Scrapy starts this many item tasks for every response it parses.
CONCURRENT_ITEMS = 8
TELNETCONSOLE_ENABLED = False

# A descriptive User-Agent; the contact URL lets a site owner reach the people crawling.
ARCHIVER_CONTACT_URL = "https://github.com/archiver-project/archiver"
ARCHIVER_USER_AGENT = "archiver/{version} (research archive of commentary blogs; +{contact})"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "archiver.middlewares.ContactUserAgentMiddleware": 500,
    # After robots.txt (100) has been read for the host: its Crawl-delay is known by then.
    "archiver.middlewares.HostDelayMiddleware": 510,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "archiver.middlewares.BackoffRetryMiddleware": 550,
    # Below decompression (590) and redirects (600), above retries: keeps final, decoded answers.
    "archiver.middlewares.WarcCaptureMiddleware": 540,
}

ITEM_PIPELINES = {
    "archiver.pipelines.extract.ExtractPipeline": 100,
    "archiver.pipelines.normalize.NormalizePipeline": 200,
    "archiver.pipelines.scope.ScopePipeline": 250,
    "archiver.pipelines.dedupe.DedupePipeline": 300,
    "archiver.pipelines.store.ParquetStorePipeline": 400,
}

EXTENSIONS = {
    "archiver.progress.CrawlProgress": 500,
}

# Where records, state and raw pages go (the embedded default storage).
ARCHIVER_OUTPUT_DIR = "output"

# Drops of duplicate items are expected, not warnings.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# Scrapy builds a debug message for every response and item; this formatter skips it unless shown.
LOG_FORMATTER = "archiver.logformatter.QuietLogFormatter"
