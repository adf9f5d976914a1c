"""What one crawl holds in its output folder: the lock, the crawl state, WARC capture and the run's record."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyarrow.parquet as pq

from archiver.lock import OutputLock
from archiver.state import CrawlState, utc_now
from archiver.store import RECORDS_DIR
from archiver.urls import post_key
from archiver.warc import WarcWriter

logger = logging.getLogger(__name__)

RUNS_DIR = "runs"


class ArchiveSession:
    """Opens an output folder for one run: takes its lock, opens its state, starts WARC capture.

    A run that died (SIGKILL, power loss) left its state row at ``running``; its record files are
    read back here so that the posts it did store are known, and nothing is archived twice.
    """

    def __init__(self, output_dir: str | Path, run_id: str, *, warc: bool = True, warc_max_bytes: int = 1_000_000_000) -> None:
        self.output_dir = Path(output_dir)
        self.run_id = run_id
        self.lock = OutputLock(self.output_dir).acquire()
        try:
            self.state = CrawlState(self.output_dir)
            self.recovered = self._recover(self.state.start_run(run_id))
            self.warc = WarcWriter(self.output_dir, run_id, warc_max_bytes) if warc else None
        except BaseException:
            self.lock.release()
            raise
        self.started_at = utc_now()
        #: post_key -> what the state must remember once the post's record is on disk
        self.pending: dict[str, dict[str, Any]] = {}

    def _recover(self, dead_runs: list[str]) -> int:
        """Register the records that dead runs managed to write; return how many."""
        rows = []
        for run_id in dead_runs:
            for path in (self.output_dir / RECORDS_DIR).glob(f"source=*/year=*/part-{run_id}-*.parquet"):
                source = unquote(path.parent.parent.name.split("=", 1)[1])
                table = pq.read_table(path, columns=["id", "canonical_url", "content_hash", "version"])
                for row in table.to_pylist():
                    rows.append({
                        "post_key": post_key(row["canonical_url"]), "canonical_url": row["canonical_url"],
                        "source": source, "record_id": row["id"], "content_hash": row["content_hash"],
                        "version": row["version"],
                    })
        if rows:
            self.state.store_posts(_newest_versions(rows), run_id=self.run_id)
            logger.info("recovered %d records written by interrupted runs %s", len(rows), ", ".join(dead_runs))
        return len(rows)

    def close(self, status: str, exit_code: int | None, summary: dict[str, Any]) -> Path:
        """Finish the run: flush WARC files, record the run, write ``runs/<run_id>.json``, unlock."""
        try:
            if self.warc is not None:
                self.warc.close()
            self.state.finish_run(self.run_id, status, exit_code, summary.get("counts", {}))
            runs = self.output_dir / RUNS_DIR
            runs.mkdir(exist_ok=True)
            path = runs / f"{self.run_id}.json"
            report = {"run_id": self.run_id, "started_at": self.started_at, "ended_at": utc_now(),
                      "status": status, "exit_code": exit_code, **summary}
            temporary = path.with_suffix(".json.tmp")
            temporary.write_text(json.dumps(report, indent=2, sort_keys=True, default=str) + "\n")
            os.replace(temporary, path)
            return path
        finally:
            self.state.close()
            self.lock.release()


def _newest_versions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    newest: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["post_key"] not in newest or row["version"] > newest[row["post_key"]]["version"]:
            newest[row["post_key"]] = row
    return list(newest.values())
