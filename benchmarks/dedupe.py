"""Time `archiver dedupe` and `archiver export` over 100,000 generated records with planted near-duplicates.

    .venv/bin/python benchmarks/dedupe.py [--records 100000] [--keep DIR]

Generates an output folder of records (50 blogs, 2015-2024, bodies of 150-900 words from a
Zipf-distributed vocabulary), in which 8 % of the records are planted reposts of another record:
word-for-word copies, copies with the blog's boilerplate around them, with the ending trimmed (to
60-95 %), with typos, or all of those. 90 % of the records are stored by a first run, the rest by a
second one. It then runs, each as its own process, as a user would:

1. `archiver dedupe DIR` on the first run's records (the index is built),
2. `archiver dedupe DIR` again after the second run (incremental: only the new records are compared),
3. `archiver export DIR --to OUT` (Parquet, with the clusters columns),

and prints each one's wall time and peak RSS, and how many planted duplicates were found (pairwise
recall and precision of the clusters against the planted groups). Targets (issue 7): each under 2
minutes and 2 GB on the 2-core machine, the planted duplicates found.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archiver.items import Commentary
from archiver.fingerprints import content_hash
from archiver.records import record_id
from archiver.store import RecordStore

BLOGS = 50
PLANTED_SHARE = 0.08
SECOND_RUN_SHARE = 0.10
SYLLABLES = ["ka", "to", "ri", "ne", "sa", "mo", "lu", "ve", "di", "pa", "go", "shi", "ter", "an", "el", "or",
             "un", "is", "ba", "ce", "fu", "ho", "ji", "ky", "ma", "no", "qu", "ra", "su", "ti", "wo", "ze"]


def vocabulary(rng: random.Random, size: int = 30_000) -> tuple[list[str], list[float]]:
    words: set[str] = {"the", "of", "and", "to", "a", "in", "that", "is", "for", "it", "on", "was", "with", "as"}
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    weights = [1.0 / (rank + 1) for rank in range(len(ordered))]  # Zipf, like real text
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return ordered, cumulative


def body(rng: random.Random, vocab: list[str], cumulative: list[float]) -> str:
    n = rng.randint(150, 900)
    words = rng.choices(vocab, cum_weights=cumulative, k=n)
    paragraphs, i = [], 0
    while i < n:
        k = rng.randint(40, 110)
        chunk = words[i:i + k]
        chunk[0] = chunk[0].capitalize()
        paragraphs.append(" ".join(chunk) + ".")
        i += k
    return "\n\n".join(paragraphs)


def variant(rng: random.Random, text: str, blog: int) -> str:
    paragraphs = text.split("\n\n")
    kind = rng.choice(["copy", "boilerplate", "trimmed", "typos", "mixed"])
    if kind in ("trimmed", "mixed") and len(paragraphs) > 2:
        words = text.split()
        keep = max(30, int(len(words) * rng.uniform(0.6, 0.95)))
        paragraphs = [" ".join(words[:keep])]
    if kind in ("typos", "mixed"):
        words = "\n\n".join(paragraphs).split(" ")
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(words))
            words[j] = words[j][::-1]
        paragraphs = " ".join(words).split("\n\n")
    if kind in ("boilerplate", "mixed"):
        paragraphs = [f"Reposted by blog {blog} for discussion. All rights belong to the original publisher.",
                      *paragraphs, f"Share this post. Subscribe to blog {blog} by email. Comments are moderated."]
    return "\n\n".join(paragraphs)


def generate(n: int, seed: int = 7) -> tuple[list[Commentary], dict[str, int]]:
    """``n`` records, and record id -> planted group for the planted copies and the records they copy."""
    rng = random.Random(seed)
    vocab, cumulative = vocabulary(rng)
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    span = (datetime(2024, 12, 31, tzinfo=timezone.utc) - start).total_seconds()
    fetched = datetime(2025, 1, 15, tzinfo=timezone.utc)
    first_run = int(n * (1 - SECOND_RUN_SHARE))
    records: list[Commentary] = []
    labels: dict[str, int] = {}
    originals: list[tuple[str, str, datetime]] = []
    for i in range(n):
        blog = rng.randrange(BLOGS)
        published = start + timedelta(seconds=rng.random() * span)
        url = f"https://blog{blog:02d}.example.org/{published:%Y/%m}/post-{i:06d}.html"
        rid = record_id(url)
        if originals and rng.random() < PLANTED_SHARE:
            base_id, base_text, base_date = rng.choice(originals)
            text = variant(rng, base_text, blog)
            published = base_date + timedelta(hours=rng.randint(1, 400))  # a repost comes after its piece
            url = f"https://blog{blog:02d}.example.org/{published:%Y/%m}/post-{i:06d}.html"
            rid = record_id(url)
            group = labels.setdefault(base_id, len(set(labels.values())))
            labels[rid] = group
        else:
            text = body(rng, vocab, cumulative)
            originals.append((rid, text, published))
            if len(originals) > 5_000:  # reposts copy recent pieces
                originals.pop(rng.randrange(len(originals)))
        records.append(commentary(
            id=rid, url=url, canonical_url=url, source=f"blog{blog:02d}", source_domain=f"blog{blog:02d}.example.org",
            platform="blogger", title=f"Post {i}", byline=["A. Writer"], poster="poster", published=published,
            published_raw=published.isoformat(), captions=[], body=text, tags=[], language="en",
            word_count=len(text.split()), content_hash=content_hash(text), fetched_at=fetched, http_status=200,
            extractor_version="bench", field_sources={}, run_id="run-1" if i < first_run else "run-2", version=1,
        ))
    return records, labels


def commentary(**values: object) -> Commentary:
    """A record from ``values``; fields not given are empty (no SimHash: trafilatura's takes 1 ms a body)."""
    empty = {f.name: (False if "bool" in str(f.type) else None) for f in dataclasses.fields(Commentary)}
    return Commentary(**{**empty, **values})


def store(out: Path, records: list[Commentary], run_id: str, batch: int = 5_000) -> None:
    """Store records as a crawl run does: a file per partition for each batch."""
    writer = RecordStore(out, run_id)
    for i in range(0, len(records), batch):
        writer.write(records[i:i + batch])


# Runs archiver in the child and reports the child's own peak RSS (VmHWM) at exit. getrusage's
# ru_maxrss would not do: Linux carries it across exec, so a child forked from this (large)
# process would report this process's size.
_WRAPPER = """
import atexit, runpy, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("\\nPEAK_RSS_KB " + line.split()[1] + "\\n")
atexit.register(_peak)
sys.argv = ["archiver"] + sys.argv[1:]
runpy.run_module("archiver", run_name="__main__", alter_sys=True)
"""


def run(*args: str) -> tuple[float, float, str]:
    """Run ``archiver ARGS`` in a new process; return wall seconds, its peak RSS in MB, and its output."""
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", _WRAPPER, *args], check=False, cwd=REPO,
                               capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peaks = [int(line.split()[1]) for line in completed.stderr.splitlines() if line.startswith("PEAK_RSS_KB ")]
    if completed.returncode != 0 or not peaks:
        raise SystemExit(f"archiver {' '.join(args)} failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return seconds, peaks[-1] / 1024, completed.stdout


def scores(groups: dict[str, int], clusters: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise recall and precision of the clusters against the planted groups."""
    planted_pairs = sum(n * (n - 1) // 2 for n in Counter(groups.values()).values())
    by_cluster: dict[str, list[int]] = {}
    for rid, cluster in clusters.items():
        by_cluster.setdefault(cluster, []).append(groups.get(rid, -1))
    found_pairs = correct = 0
    for members in by_cluster.values():
        m = len(members)
        if m < 2:
            continue
        found_pairs += m * (m - 1) // 2
        counts = Counter(g for g in members if g >= 0)
        correct += sum(c * (c - 1) // 2 for c in counts.values())
    recall = correct / planted_pairs if planted_pairs else 1.0
    precision = correct / found_pairs if found_pairs else 1.0
    return recall, precision, planted_pairs, found_pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="Work in this folder and keep it.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="archiver-bench-dedupe-"))
    out = work / "output"
    dataset = work / "dataset"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(dataset, ignore_errors=True)
    try:
        started = time.perf_counter()
        records, groups = generate(args.records)
        first = int(args.records * (1 - SECOND_RUN_SHARE))
        store(out, records[:first], "run-1")
        generated = time.perf_counter() - started
        pieces = len(set(groups.values()))
        words = sum(r.word_count for r in records) / len(records)
        print(f"generated {args.records:,} records (mean {words:.0f} words; {len(groups) - pieces:,} planted "
              f"duplicates of {pieces:,} pieces) in {generated:.0f} s")

        full_s, full_mb, full_out = run("dedupe", str(out))
        print(f"dedupe, first run ({first:,} records):    {full_s:6.1f} s, peak RSS {full_mb:6.0f} MB")
        store(out, records[first:], "run-2")
        incr_s, incr_mb, incr_out = run("dedupe", str(out))
        print(f"dedupe, incremental (+{args.records - first:,} records): {incr_s:6.1f} s, peak RSS {incr_mb:6.0f} MB")
        export_s, export_mb, _ = run("export", str(out), "--to", str(dataset))
        size = sum(p.stat().st_size for p in dataset.rglob("*") if p.is_file())
        print(f"export ({args.records:,} records, Parquet):  {export_s:6.1f} s, peak RSS {export_mb:6.0f} MB, "
              f"{size / 1e6:.0f} MB written")

        clusters = pq.read_table(out / "clusters" / "clusters.parquet", columns=["id", "cluster_id"])
        cluster_of = dict(zip(clusters.column("id").to_pylist(), clusters.column("cluster_id").to_pylist()))
        recall, precision, planted_pairs, found_pairs = scores(groups, cluster_of)
        print(f"planted duplicate pairs: {planted_pairs:,}; pairs in clusters: {found_pairs:,}; "
              f"recall {recall:.4f}, precision {precision:.4f}")
        print("\n" + full_out.strip())
        print("\n" + incr_out.strip())
        limit_ok = all(s < 120 for s in (full_s, incr_s, export_s)) and all(m < 2048 for m in (full_mb, incr_mb, export_mb))
        print(f"\ntargets (each < 120 s and < 2048 MB; duplicates found): "
              f"{'met' if limit_ok and recall >= 0.95 else 'NOT met'}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
