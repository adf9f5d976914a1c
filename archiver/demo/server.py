"""Threaded HTTP server on 127.0.0.1 serving a simulated blog (``python -m archiver.demo.server``).

It serves any simulated site, each of which answers requests itself through a
``route(target, base_url) -> Response`` method: the server knows HTTP, the site knows its platform.
"""

from __future__ import annotations

import argparse
import threading
import time
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Protocol

from archiver.demo.responses import HTML, Response, http_date


class Site(Protocol):
    """A simulated site: it answers a request target (path plus query) itself."""

    def route(self, target: str, base_url: str) -> Response: ...


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung client must not keep the test process alive
    allow_reuse_address = True


class BlogServer:
    """Serve ``site`` on ``host:port`` (port 0 picks a free port) from a background thread.

    ``site`` is any object with ``route(target, base_url) -> Response``; an optional
    ``server_software`` attribute sets the ``Server`` header (Blogger's "GSE" otherwise).

    ``requests`` records every request target (path plus query) in arrival order, ``arrivals`` when
    each came (``time.monotonic()``). ``errors`` maps a request target to a status code to answer
    instead, for tests of retries and failures.
    """

    def __init__(self, site: Site, host: str = "127.0.0.1", port: int = 0, quiet: bool = True) -> None:
        self.site = site
        self.host = host
        self.port = port
        self.quiet = quiet
        self.requests: list[str] = []
        self.arrivals: list[float] = []
        self.errors: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def start(self) -> BlogServer:
        if self._httpd is not None:
            return self
        self._httpd = _Server((self.host, self.port), _make_handler(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="BlogServer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def record(self, target: str) -> None:
        with self._lock:
            self.requests.append(target)
            self.arrivals.append(time.monotonic())

    def clear(self) -> None:
        """Forget the recorded requests (between phases of a test)."""
        with self._lock:
            self.requests.clear()
            self.arrivals.clear()

    def __enter__(self) -> BlogServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _not_modified(headers: dict[str, str], response: Response) -> bool:
    """RFC 9110 precedence: If-None-Match wins; If-Modified-Since is read only without it."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return response.etag is not None and (response.etag in tags or "*" in tags)
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since and response.last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return response.last_modified.replace(microsecond=0) <= since
    return False


def _make_handler(server: BlogServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "GSE"  # what Blogger answers with
        sys_version = ""

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            server.record(self.path)
            if self.path in server.errors:
                status = server.errors[self.path]
                response = Response(status, HTML, f"<html><body>Error {status}</body></html>".encode())
            else:
                response = server.site.route(self.path, server.base_url)
            status = 304 if response.status == 200 and _not_modified(dict(self.headers.items()), response) else response.status
            self.send_response(status)
            if response.etag:
                self.send_header("ETag", response.etag)
            if response.last_modified:
                self.send_header("Last-Modified", http_date(response.last_modified))
            if status != 304:
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(response.body)))
            extra = {name.lower() for name, _ in response.headers}
            for name, value in response.headers:
                self.send_header(name, value)
            if "cache-control" not in extra:
                self.send_header("Cache-Control", "private, max-age=0")
            self.end_headers()
            if send_body and status != 304:
                self.wfile.write(response.body)

        def version_string(self) -> str:
            return getattr(server.site, "server_software", None) or self.server_version

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            if not server.quiet:
                super().log_message(format, *args)

    return Handler


def main(argv: list[str] | None = None) -> int:
    """Serve the sample blog of ``archiver demo`` until interrupted."""
    from archiver.demo.sample import sample_site

    parser = argparse.ArgumentParser(
        prog="python -m archiver.demo.server",
        description="Serve the sample Blogger blog of `archiver demo` on 127.0.0.1.",
        epilog="Example: python -m archiver.demo.server --port 8080 --template theme",
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--template", choices=("classic", "layout", "theme"), default="layout")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    site = sample_site(args.template)
    server = BlogServer(site, port=args.port, quiet=not args.verbose)
    serve_until_interrupted(server, f"{site.title!r} ({len(site.posts)} posts, {site.template} template)")
    return 0


def serve_until_interrupted(server: BlogServer, what: str) -> None:
    """Start ``server``, say where ``what`` is served, and stop at Ctrl-C."""
    server.start()
    print(f"Serving {what} at {server.base_url}/", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
