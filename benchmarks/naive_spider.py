"""The straightforward way to archive a blog with Scrapy: follow every link, run trafilatura in the callback.

The baseline of benchmarks/crawl.py (not part of archiver). Run:
    scrapy runspider benchmarks/naive_spider.py -a url=http://127.0.0.1:8080/ -o posts.jsonl
"""

from __future__ import annotations

import re

import scrapy
import trafilatura

POST = re.compile(r"/\d{4}/\d{2}/[^/]+\.html$")


class NaiveBlogSpider(scrapy.Spider):
    name = "naive"
    custom_settings = {"ROBOTSTXT_OBEY": True, "LOG_LEVEL": "WARNING"}

    def __init__(self, url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [url]
        self.allowed_domains = [url.split("/")[2].split(":")[0]]

    def parse(self, response):
        if POST.search(response.url.split("?")[0]):
            document = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True)
            if document is not None:
                yield {"url": response.url, "title": document.title, "author": document.author,
                       "date": document.date, "text": document.text}
        for href in response.css("a::attr(href)").getall():
            if not href.startswith(("javascript:", "mailto:", "#")):
                yield response.follow(href, callback=self.parse)
