"""Extraction benchmark: archiver's extraction beside plain trafilatura on the shared devset.

    .venv/bin/python benchmarks/extraction.py [--devset ../shared/devset] [--jobs 2] [--corpus fundus]

Builds a manifest from the devset's truth.jsonl, runs archiver's batch extraction (the code
path of ``archiver extract --manifest``), runs plain trafilatura (``bare_extraction`` with
metadata, defaults) on the same pages, scores both with the devset's score.py and prints the
two side by side per corpus, with pages per second per core. The baseline's predictions are
cached in ``benchmarks/.cache/`` (keyed by trafilatura's version); ``--refresh`` redoes them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from archiver.extraction.batch import read_page, run_manifest  # noqa: E402

CACHE = HERE / ".cache"


def build_manifest(devset: Path, corpora: set[str] | None, limit: int | None) -> tuple[Path, list[dict]]:
    """Write the manifest of the devset's pages; the truth URL is passed only when it is a real URL."""
    truth = [json.loads(line) for line in (devset / "truth.jsonl").open(encoding="utf-8") if line.strip()]
    if corpora:
        truth = [row for row in truth if row["corpus"] in corpora]
    if limit:
        truth = truth[:limit]
    CACHE.mkdir(exist_ok=True)
    manifest = CACHE / "manifest.jsonl"
    with manifest.open("w", encoding="utf-8") as out:
        for row in truth:
            url = row["url"] if str(row.get("url", "")).startswith(("http://", "https://")) else None
            out.write(json.dumps({"id": row["id"], "url": url, "path": str((devset / row["html"]).resolve())}) + "\n")
    return manifest, truth


def to_prediction(line: dict[str, Any]) -> dict[str, Any]:
    """score.py's prediction shape from one ``archiver extract --manifest`` output line."""
    if "error" in line:
        return {"id": line["id"], "byline": None, "date": None, "caption": None, "body": None}
    captions = []
    for caption in line.get("captions") or []:
        text = " ".join(part for part in (caption.get("text"), caption.get("credit")) if part)
        if text:
            captions.append(text)
    return {
        "id": line["id"],
        "byline": line.get("byline") or None,
        "date": line.get("published") or line.get("original_published"),
        "caption": captions,
        "body": line.get("body"),
    }


def run_archiver(manifest: Path, jobs: int) -> tuple[Path, float, int]:
    out = CACHE / "archiver.out.jsonl"
    summary = run_manifest(manifest, out, jobs=jobs, progress=sys.stderr.isatty())
    preds = CACHE / "archiver.preds.jsonl"
    with out.open(encoding="utf-8") as lines, preds.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(to_prediction(json.loads(line)), ensure_ascii=False) + "\n")
    if summary.failed:
        print(f"archiver: {summary.failed} pages failed, e.g. {summary.errors[:3]}", file=sys.stderr)
    return preds, summary.pages_per_cpu_second, summary.pages


# --------------------------------------------------------------------------------------------------
# Baseline: plain trafilatura


def _baseline_one(entry: dict[str, Any]) -> tuple[dict[str, Any], float]:
    import trafilatura

    started = time.process_time()
    pred: dict[str, Any] = {"id": entry["id"], "byline": None, "date": None, "caption": None, "body": None}
    try:
        html = read_page(Path(entry["path"])).decode("utf-8", errors="replace")
        doc = trafilatura.bare_extraction(html, url=entry.get("url"), with_metadata=True)
        if doc is not None:
            pred.update(byline=doc.author, date=doc.date, body=doc.text)
    except Exception as error:  # noqa: BLE001
        pred["error"] = str(error)
    return pred, time.process_time() - started


def run_baseline(manifest: Path, jobs: int, refresh: bool) -> tuple[Path, float]:
    import trafilatura

    entries = [json.loads(line) for line in manifest.open(encoding="utf-8")]
    key = f"trafilatura-{trafilatura.__version__}"
    preds, timing = CACHE / f"{key}.preds.jsonl", CACHE / f"{key}.timing.json"
    if not refresh and preds.exists() and timing.exists():
        cached = {json.loads(line)["id"] for line in preds.open(encoding="utf-8")}
        if all(entry["id"] in cached for entry in entries):
            return preds, json.loads(timing.read_text())["pages_per_cpu_second"]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(_baseline_one, entries, chunksize=4)
    cpu = sum(seconds for _, seconds in results)
    with preds.open("w", encoding="utf-8") as handle:
        for pred, _ in results:
            handle.write(json.dumps(pred, ensure_ascii=False) + "\n")
    rate = len(results) / cpu if cpu else 0.0
    timing.write_text(json.dumps({"pages_per_cpu_second": rate, "pages": len(results)}))
    return preds, rate


# --------------------------------------------------------------------------------------------------
# Scoring and the table


def score(devset: Path, preds: Path, corpora: set[str] | None) -> dict[str, Any]:
    out = preds.with_suffix(".scores.json")
    command = [sys.executable, str(devset / "score.py"), str(preds), "--json", str(out)]
    if corpora:
        command += ["--corpus", ",".join(sorted(corpora))]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())[str(preds)]


ROWS = [
    ("byline exact", "byline", "exact"),
    ("byline spurious", "byline", "spurious"),
    ("date exact", "date", "exact"),
    ("caption P", "caption", "precision"),
    ("caption R", "caption", "recall"),
    ("caption F1", "caption", "f1"),
    ("body F1", "body", "f1"),
    ("snippet F1", "body_snip", "f1"),
]


def table(ours: dict[str, Any], base: dict[str, Any], our_rate: float, base_rate: float) -> str:
    lines = ["| corpus | metric | trafilatura | archiver |", "|---|---|---|---|"]
    for corpus in sorted(ours, key=lambda c: (c == "ALL", c)):
        if corpus == "ALL":
            continue
        for label, field, key in ROWS:
            mine = (ours[corpus].get(field) or {}).get(key)
            theirs = (base.get(corpus, {}).get(field) or {}).get(key)
            if mine is None and theirs is None:
                continue
            lines.append(f"| {corpus} | {label} | {_fmt(theirs)} | {_fmt(mine)} |")
    lines.append(f"| all | pages/s per core | {base_rate:.1f} | {our_rate:.1f} |")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=REPO.parent / "shared" / "devset")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", help="comma-separated corpora (default: all)")
    parser.add_argument("--limit", type=int, help="only the first N pages (quick checks)")
    parser.add_argument("--refresh", action="store_true", help="recompute the cached trafilatura baseline")
    parser.add_argument("--no-baseline", action="store_true", help="score archiver only")
    args = parser.parse_args()
    corpora = set(args.corpus.split(",")) if args.corpus else None

    manifest, truth = build_manifest(args.devset, corpora, args.limit)
    print(f"{len(truth)} pages, {args.jobs} jobs", file=sys.stderr)
    preds, our_rate, _ = run_archiver(manifest, args.jobs)
    ours = score(args.devset, preds, corpora)
    if args.no_baseline:
        base, base_rate = {}, 0.0
    else:
        base_preds, base_rate = run_baseline(manifest, args.jobs, args.refresh)
        base = score(args.devset, base_preds, corpora)
    print(table(ours, base, our_rate, base_rate))


if __name__ == "__main__":
    main()
