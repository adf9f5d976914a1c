"""No private addresses: archiver connects only to the public internet, and to the hosts its user named.

A blog nobody vetted can redirect a crawl, or list a sitemap child, at the machine's own services or
the cloud's metadata address (169.254.169.254); what answers would be archived and published. Two
checks, both where connections are made:

- ``PrivateAddressMiddleware`` refuses a request whose host is written as a private address
  (loopback, private, link-local, multicast, reserved, unspecified; IPv4 and IPv6, ``::ffff:`` forms,
  and the decimal, octal and hexadecimal spellings ``inet_aton`` accepts, such as ``2130706433``);
- ``PublicAddressResolver`` refuses a host name that resolves to one.

The hosts of the start addresses (the spider names them with ``exempt_start_hosts`` when it opens)
are exempt, so crawling your own server on 127.0.0.1 keeps working, and so are the hosts of the
proxies the user configured (``http_proxy``, ``https_proxy``: a proxy on 127.0.0.1 is asked for
every request); ``--allow-private``
(``ARCHIVER_ALLOW_PRIVATE``) lifts the rule. Behind a proxy the user configured the proxy resolves
names, so only literal addresses can be checked there.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: host name -> the private address it resolved to, as the resolver refused it. Twisted reports a refused
#: lookup only as "no results"; the middleware reads this to refuse the name's next requests (retries
#: included) with the reason.
_refused_names: dict[str, str] = {}
#: the hosts of the start addresses, and their ``www.`` twins: they may be private (your own server)
_start_hosts: set[str] = set()


def exempt_start_hosts(urls: list[str]) -> None:
    """Let the hosts the user named as start addresses be private: the crawl's own server, a test's."""
    for url in urls:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if host:
            _start_hosts.update({host, f"www.{host}"})


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells, in any notation a socket library accepts; None for a name."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))  # "2130706433", "0177.0.0.1", "0x7f.1"
    except (OSError, ValueError):
        return None


def is_private(address: IPAddress) -> bool:
    """Not an address of the public internet (``0.0.0.0`` and ``::ffff:10.0.0.1`` included)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


class _Exemptions:
    """The hosts a run may reach on private addresses."""

    def __init__(self, crawler: Crawler) -> None:
        self.all = crawler.settings.getbool("ARCHIVER_ALLOW_PRIVATE")
        self.proxies = {(urlsplit(url).hostname or "").lower() for url in getproxies().values()}

    def exempt(self, host: str) -> bool:
        return self.all or host.lower() in _start_hosts or host.lower() in self.proxies


class PrivateAddressMiddleware:
    """Refuses requests to hosts written as private addresses (see the module's docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.exemptions = _Exemptions(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        if self.exemptions.exempt(host):
            return
        address = literal_address(host)
        if address is not None and is_private(address):
            self.crawler.stats.inc_value("archiver/private/refused")
            raise IgnoreRequest(f"refused: {host} is a private address (archiver crawl --allow-private allows it)")
        if host in _refused_names:
            raise IgnoreRequest(f"refused: {host} resolves to the private address {_refused_names[host]} "
                                "(archiver crawl --allow-private allows it)")


class PublicAddressResolver(CachingThreadedResolver):
    """Scrapy's resolver, refusing names that resolve to private addresses (see the module's docstring)."""

    exemptions: _Exemptions | None = None
    stats: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> PublicAddressResolver:
        # Scrapy builds the resolver once for the process: ``crawler`` is the CrawlerProcess (no stats).
        resolver = super().from_crawler(crawler, reactor)
        resolver.exemptions, resolver.stats = _Exemptions(crawler), getattr(crawler, "stats", None)
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # noqa: N802 - Twisted's name
        return super().getHostByName(name, timeout).addCallback(self._public, name)

    def _public(self, address: str, name: str) -> str:
        resolved = literal_address(address)
        if literal_address(name) is not None:
            return address  # an address, not a name: the middleware judged the URL's, this is a proxy's
        if resolved is not None and is_private(resolved) and not (self.exemptions and self.exemptions.exempt(name)):
            if self.stats is not None:
                self.stats.inc_value("archiver/private/refused")
            _refused_names[name] = address
            logger.warning("refused: %s resolves to the private address %s", name, address)
            raise DNSLookupError(f"refused: {name} resolves to the private address {address}")
        return address
