"""The WARC files of an output folder: every response a crawl fetched, kept raw for re-extraction."""

from __future__ import annotations

import io
import json
import queue
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_DIR = "warc"
# Headers that describe the bytes on the wire, not the decoded body we keep.
_TRANSPORT_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class CapturedResponse:
    """One response to keep."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    metadata: dict[str, Any] | None = None  #: hints the crawl had for this page, kept beside it

    def header(self, name: str) -> str | None:
        """The first value of a header, by case-insensitive name."""
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


@dataclass(frozen=True)
class StoredResponse:
    """A response read back from a WARC file."""

    record_id: str
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    metadata: dict[str, Any]


class WarcFile:
    """Appends responses to ``<output>/warc/<prefix>-<n>.warc.gz`` in the calling thread.

    Each record is a complete gzip member, flushed when written. A new file starts when the
    current one passes ``max_bytes``. Extraction workers each keep one, named by process.
    """

    def __init__(self, output_dir: str | Path, prefix: str, max_bytes: int = 1_000_000_000) -> None:
        self.folder = Path(output_dir) / WARC_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self._number = 0
        self._handle: Any = None
        self._name = ""

    def write(self, response: CapturedResponse) -> tuple[str, str]:
        """Write ``response``; return (file name, WARC-Record-ID)."""
        if self._handle is None or self._handle.tell() >= self.max_bytes:
            self._next_file()
        record_id = f"<urn:uuid:{uuid.uuid4()}>"
        _write_records(WARCWriter(self._handle, gzip=True), record_id, response)
        self._handle.flush()
        return self._name, record_id

    def _next_file(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._number += 1
        self._name = f"{self.prefix}-{self._number:05d}.warc.gz"
        self._handle = open(self.folder / self._name, "ab")

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class WarcWriter:
    """Appends responses to ``<output>/warc/<run_id>-<n>.warc.gz`` from a background thread.

    ``write`` returns the file name and WARC-Record-ID at once, so the record that cites them
    can be built while the bytes are still being compressed; ``flush`` waits until everything
    submitted is on disk (the record store calls it before writing records that cite it). A new
    file starts when the current one passes ``max_bytes``.
    """

    def __init__(self, output_dir: str | Path, run_id: str, max_bytes: int = 1_000_000_000) -> None:
        self.folder = Path(output_dir) / WARC_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id
        self.max_bytes = max_bytes
        self._number = 1
        self._queue: queue.Queue[tuple[str, str, CapturedResponse] | None] = queue.Queue(maxsize=256)
        self._lock = threading.Lock()
        self._handle: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="WarcWriter", daemon=True)
        self._thread.start()

    @property
    def current_name(self) -> str:
        return f"{self.run_id}-{self._number:05d}.warc.gz"

    def write(self, response: CapturedResponse) -> tuple[str, str]:
        """Queue ``response``; return (file name, WARC-Record-ID) it will have."""
        if self._error is not None:
            raise OSError(f"WARC writing failed: {self._error}")
        record_id = f"<urn:uuid:{uuid.uuid4()}>"
        with self._lock:
            name = self.current_name
            if (self.folder / name).exists() and (self.folder / name).stat().st_size >= self.max_bytes:
                self._number += 1
                name = self.current_name
            # Queued under the lock: once ``rotate`` has moved on, nothing more is queued for the file it ended.
            self._queue.put((name, record_id, response))
        return name, record_id

    def rotate(self) -> str | None:
        """End the current file: later writes go to the next one. Returns the ended file's name once all
        that was queued for it is on disk, or None when nothing was written to it."""
        with self._lock:
            name = self.current_name
            self._number += 1
        self.flush()
        return name if (self.folder / name).exists() else None

    def flush(self) -> None:
        """Block until every queued response is written and on disk."""
        self._queue.join()
        if self._error is not None:
            raise OSError(f"WARC writing failed: {self._error}")

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _work(self) -> None:
        open_name = None
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                name, record_id, response = item
                if self._error is not None:
                    continue
                if name != open_name:
                    if self._handle is not None:
                        self._handle.close()
                    self._handle = open(self.folder / name, "ab")
                    open_name = name
                _write_records(WARCWriter(self._handle, gzip=True), record_id, response)
                self._handle.flush()
            except BaseException as error:  # noqa: BLE001 - reported to the crawl by write/flush
                self._error = error
            finally:
                self._queue.task_done()


def _write_records(writer: WARCWriter, record_id: str, response: CapturedResponse) -> None:
    headers = [(k, v) for k, v in response.headers if k.lower() not in _TRANSPORT_HEADERS]
    headers.append(("Content-Length", str(len(response.body))))
    http_headers = StatusAndHeaders(f"{response.status} {response.reason}".strip(), headers, protocol="HTTP/1.1")
    date = response.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    record = writer.create_warc_record(
        response.url, "response", payload=io.BytesIO(response.body), length=len(response.body),
        http_headers=http_headers, warc_headers_dict={"WARC-Record-ID": record_id, "WARC-Date": date},
    )
    writer.write_record(record)
    if response.metadata:
        payload = json.dumps(response.metadata, ensure_ascii=False, sort_keys=True).encode("utf-8")
        metadata = writer.create_warc_record(
            response.url, "metadata", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type="application/json",
            warc_headers_dict={"WARC-Concurrent-To": record_id, "WARC-Date": date},
        )
        writer.write_record(metadata)


def read_responses(path: str | Path, wanted: set[str] | None = None) -> Iterator[StoredResponse]:
    """The responses of one WARC file (only the ``wanted`` record ids, when given), with their metadata.

    Streams: a response's metadata record follows it directly, as ``WarcWriter`` writes them.
    """
    last: StoredResponse | None = None
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            if record.rec_type == "metadata" and last is not None:
                if record.rec_headers.get_header("WARC-Concurrent-To") == last.record_id:
                    last.metadata.update(json.loads(record.content_stream().read()))
                continue
            if record.rec_type != "response":
                continue
            if last is not None:
                yield last
                last = None
            if wanted is not None and record_id not in wanted:
                continue
            http = record.http_headers
            last = StoredResponse(
                record_id=record_id,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                status=int(http.get_statuscode() or 0),
                headers={k.lower(): v for k, v in http.headers},
                body=record.content_stream().read(),
                metadata={},
            )
    if last is not None:
        yield last
