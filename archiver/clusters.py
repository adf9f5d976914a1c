"""Which records are the same piece: exact and near-duplicate clusters across all sources and runs.

``dedupe(DIR)`` reads an output folder and writes ``DIR/clusters/clusters.parquet``, one row per
current record (the highest version of each id, see ``archiver.dataset``), never touching the
record files. Readers join it to the records on ``id``.

How records are matched
-----------------------
* **Same URL.** A post is one ``id`` (the hash of its canonical URL) whatever URL it was reached
  under; repeated captures and older versions of it are not counted as separate records.
* **Same text.** Records whose bodies have the same ``content_hash`` (case- and space-folded) are
  the same piece (similarity 1.0).
* **Near-duplicate text.** Each distinct body gets a MinHash signature (``NUM_PERM`` hash functions)
  of its word 5-grams (lower-cased, punctuation dropped). Locality-sensitive hashing (``BANDS``
  bands of ``ROWS`` rows) proposes pairs of bodies that share many 5-grams; each proposed pair's
  **similarity** is then estimated from the signatures as the *overlap*: the share of the shorter
  body's 5-grams that are also in the other body. The overlap is 1.0 for a repost that trims the
  ending, and stays high under added boilerplate; two different pieces on one topic by one author
  share few 5-grams. A pair whose overlap reaches ``threshold`` is a match, and clusters are the
  connected groups of matches. Bodies under ``MIN_WORDS`` words are matched only exactly.

A cluster's **canonical** record is the original outlet's copy when a member names it (another
member's ``original_url``, ``original_source`` or their host), else the earliest published member
(then the earliest fetched, then the smallest id). ``cluster_id`` is the canonical record's ``id``.

Incremental and bounded
-----------------------
``DIR/clusters/`` keeps an index: ``signatures/part-N.parquet`` (content hash, 5-gram count,
signature: ~530 bytes per distinct body) and ``edges/part-N.parquet`` (every pair found with an
overlap of at least ``EDGE_FLOOR``). A rerun signs only bodies it has not seen (reading bodies only
from record files it has not seen), compares them with each other and with the index, which it
streams in batches, and then rebuilds the clusters from the stored pairs. New bodies are processed
in chunks of ``chunk_size``, so memory holds one chunk, one index batch and the small per-record
columns (about 200 bytes a record), never the archive's bodies. Changing ``threshold`` (between
``EDGE_FLOOR`` and 1) needs no new comparisons: the stored pairs are filtered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from archiver.damage import DamagedFile
from archiver.dataset import Archive, open_archive
from archiver.errors import InputError
from archiver.urls import canonicalize_url, host_of

ALGORITHM = "minhash-lsh-overlap/1"
NUM_PERM = 128
SHINGLE = 5
BANDS, ROWS = 42, 3  # 126 of the 128 hash values; a pair of Jaccard 0.4 is proposed with p = 0.94
MIN_WORDS = 12  # shorter bodies are matched by exact text only
MIN_SHINGLES = MIN_WORDS - SHINGLE + 1
SEED = "archiver-dedupe"
DEFAULT_THRESHOLD = 0.7
EDGE_FLOOR = 0.5
DEFAULT_CHUNK = 20_000
MAX_BUCKET_PAIRS = 64  # pairs taken per member of one LSH bucket (a degenerate bucket stays linear)

CLUSTERS_FILE = "clusters.parquet"
INDEX_STATE = "index.json"
CLUSTER_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("version", pa.int32()),
        pa.field("source", pa.string()),
        pa.field("cluster_id", pa.string(), nullable=False),
        pa.field("cluster_size", pa.int32()),
        pa.field("is_canonical", pa.bool_()),
        pa.field("similarity", pa.float32()),
        pa.field("match", pa.string()),
        pa.field("content_hash", pa.string()),
    ]
)
#: What each column of the clusters table means (the dataset card and the README use it).
CLUSTER_FIELDS = {
    "cluster_id": "the `id` of the cluster's canonical record; equal for every record of the same piece",
    "cluster_size": "how many current records the cluster holds (1: no duplicate found)",
    "is_canonical": "true for the one record that stands for the cluster: the original outlet's copy when "
                    "known, else the earliest published",
    "similarity": "estimated share of the shorter body's word 5-grams found in the canonical record's body "
                  "(1.0 for the canonical record and exact copies; null without a body)",
    "match": "how the record matches its canonical record: `content_hash` (same text), `near_duplicate`; "
             "null for the canonical record",
}
#: Columns that say which copy of a record a clusters row was made from (stale rows differ).
CLUSTER_KEY = ["id", "version", "content_hash"]

_META_COLUMNS = ["source", "content_hash", "published", "canonical_url", "source_domain",
                 "original_url", "original_source"]


@dataclass
class ClusterExample:
    cluster_id: str
    size: int
    sources: list[str]
    title: str | None
    published: str | None


@dataclass
class DedupeReport:
    """What ``dedupe`` found and did."""

    output_dir: Path
    clusters_path: Path
    threshold: float
    stored: int = 0  #: record rows in the files
    records: int = 0  #: current records (one per id)
    without_body: int = 0
    texts: int = 0  #: distinct bodies
    new_texts: int = 0  #: bodies signed in this run
    indexed_texts: int = 0  #: bodies already in the index before this run
    compared_pairs: int = 0  #: candidate pairs checked in this run
    rebuilt: bool = False  #: the index was (re)built from scratch
    clusters: int = 0  #: clusters of two or more records
    clustered_records: int = 0
    exact_duplicates: int = 0  #: non-canonical records with the canonical's exact text
    near_duplicates: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    examples: list[ClusterExample] = field(default_factory=list)
    seconds: float = 0.0
    #: record files that could not be read: their records are not clustered
    damaged: list[DamagedFile] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.exact_duplicates + self.near_duplicates


def dedupe(
    path: str | os.PathLike[str],
    threshold: float = DEFAULT_THRESHOLD,
    chunk_size: int = DEFAULT_CHUNK,
    examples: int = 5,
    progress: Callable[[str], None] | None = None,
) -> DedupeReport:
    """Cluster the records of the output folder ``path``; write ``clusters/clusters.parquet``."""
    started = time.perf_counter()
    if not EDGE_FLOOR <= threshold <= 1.0:
        raise InputError(f"--threshold must be between {EDGE_FLOOR} and 1.0, got {threshold}")
    if chunk_size < 1:
        raise InputError("chunk size must be positive")
    archive = open_archive(path)
    say = progress or (lambda message: None)
    index = TextIndex(archive.clusters_dir)
    report = DedupeReport(archive.root, archive.clusters_dir / CLUSTERS_FILE, threshold, rebuilt=index.rebuilt,
                          damaged=archive.damaged)

    current = archive.current(_META_COLUMNS)
    report.stored = sum(f.rows for f in archive.files)
    report.records = current.num_rows
    hashes = pc.unique(current.column("content_hash").drop_null())
    report.texts = len(hashes)
    report.without_body = current.column("content_hash").null_count

    known = index.known_hashes()
    report.indexed_texts = len(known)
    wanted = pc.filter(hashes, pc.invert(pc.is_in(hashes, value_set=known))) if len(known) else hashes
    if len(wanted):
        say(f"signing {len(wanted)} new texts")
        report.compared_pairs = index.add_texts(archive, wanted, chunk_size, say)
        report.new_texts = len(wanted)
    index.remember_files(archive)

    say("building clusters")
    table = _clusters(current, index, threshold)
    _write_atomic(table, report.clusters_path, metadata=_table_metadata(threshold))
    _summarize(report, table, archive, examples)
    report.seconds = time.perf_counter() - started
    return report


# ------------------------------------------------------------------------------------------------
# MinHash signatures


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


_PERM_A = np.array([_hash64(f"{SEED}:a:{i}") | 1 for i in range(NUM_PERM)], dtype=np.uint64)
_PERM_B = np.array([_hash64(f"{SEED}:b:{i}") for i in range(NUM_PERM)], dtype=np.uint64)
_EMPTY = np.uint32(0xFFFFFFFF)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer, in place on a uint64 array."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


class _WordHashes:
    """Stable 64-bit hashes of words (blake2b), cached for the vocabulary seen recently."""

    def __init__(self, limit: int = 500_000) -> None:
        self.cache: dict[str, int] = {}
        self.limit = limit

    def __call__(self, words: list[str]) -> np.ndarray:
        if len(self.cache) > self.limit:
            self.cache.clear()
        cache = self.cache
        out = np.empty(len(words), dtype=np.uint64)
        for i, word in enumerate(words):
            value = cache.get(word)
            if value is None:
                value = cache[word] = _hash64(word)
            out[i] = value
        return out


def shingle_hashes(bodies: pa.Array, word_hashes: _WordHashes | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The word 5-gram hashes of each body: (hashes of all bodies one after another, count per body).

    Words are lower-cased with punctuation dropped, so "Trade," and "trade" are one word.
    """
    word_hashes = word_hashes or _WordHashes()
    text = pc.replace_substring_regex(pc.utf8_lower(bodies), pattern=r"[^\pL\pN\s]+", replacement="")
    tokens = pc.utf8_split_whitespace(text)
    lengths = pc.fill_null(pc.list_value_length(tokens), 0).to_numpy(zero_copy_only=False).astype(np.int64)
    flat = pc.list_flatten(tokens)
    counts = np.maximum(lengths - SHINGLE + 1, 0)
    if len(flat) < SHINGLE:
        return np.empty(0, dtype=np.uint64), counts
    encoded = pc.dictionary_encode(flat)
    words = word_hashes(encoded.dictionary.to_pylist())[encoded.indices.to_numpy()]
    m = len(words) - SHINGLE + 1
    shingles = np.zeros(m, dtype=np.uint64)
    for t in range(SHINGLE):
        shingles *= np.uint64(0x100000001B3)
        shingles += words[t:t + m]
    _mix(shingles)
    # keep the 5-grams that lie inside one body
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    body_of = np.repeat(np.arange(len(lengths)), lengths)[:m]
    position = np.arange(m) - starts[body_of]
    keep = position <= lengths[body_of] - SHINGLE
    return shingles[keep], counts


def minhash(shingles: np.ndarray, counts: np.ndarray, block: int = 1 << 16) -> np.ndarray:
    """One ``NUM_PERM``-value signature per body (``counts`` 5-grams each, in order in ``shingles``)."""
    n = len(counts)
    signatures = np.full((n, NUM_PERM), _EMPTY, dtype=np.uint32)
    present = np.flatnonzero(counts > 0)
    if len(present) == 0:
        return signatures
    ends = np.cumsum(counts)
    buffer = np.empty((NUM_PERM, block), dtype=np.uint64)
    i = 0
    while i < len(present):
        # a run of bodies whose 5-grams fit the buffer (a single longer body gets its own buffer)
        first = present[i]
        begin = ends[first] - counts[first]
        j = i + 1
        while j < len(present) and ends[present[j]] - begin <= block:
            j += 1
        group = present[i:j]
        stop = ends[group[-1]]
        values = shingles[begin:stop]
        width = len(values)
        out = buffer[:, :width] if width <= block else np.empty((NUM_PERM, width), dtype=np.uint64)
        np.multiply(_PERM_A[:, None], values[None, :], out=out)
        np.add(out, _PERM_B[:, None], out=out)
        np.right_shift(out, np.uint64(32), out=out)
        offsets = (ends[group] - counts[group]) - begin
        signatures[group] = np.minimum.reduceat(out, offsets, axis=1).T.astype(np.uint32)
        i = j
    return signatures


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(n, BANDS) uint64 keys: bodies with an equal key in some band are candidate pairs."""
    rows = signatures[:, : BANDS * ROWS].astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    keys = (rows[:, :, 0] << np.uint64(32)) | rows[:, :, 1]
    keys ^= _mix(rows[:, :, 2] + np.uint64(0x9E3779B97F4A7C15))
    return keys


def overlap(sig_a: np.ndarray, sig_b: np.ndarray, count_a: np.ndarray, count_b: np.ndarray) -> np.ndarray:
    """Estimated share of the shorter body's 5-grams found in the other, for rows of paired signatures.

    MinHash estimates the Jaccard index J; with the two 5-gram counts, the intersection is
    J·(a+b)/(1+J), divided by the smaller count.
    """
    jaccard = (sig_a == sig_b).mean(axis=1)
    a = count_a.astype(np.float64)
    b = count_b.astype(np.float64)
    inter = jaccard * (a + b) / (1.0 + jaccard)
    smaller = np.maximum(np.minimum(a, b), 1.0)
    return np.clip(inter / smaller, 0.0, 1.0)


def _self_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j in sorted order) of equal keys."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    n = len(keys)
    for d in range(1, MAX_BUCKET_PAIRS + 1):
        if d >= n:
            break
        same = sorted_keys[d:] == sorted_keys[:-d]
        if not same.any():
            break
        hit = np.flatnonzero(same)
        left.append(order[hit])
        right.append(order[hit + d])
    if not left:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(left), np.concatenate(right)


def _cross_pairs(keys: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i into ``keys``, j into ``other``) of equal keys."""
    order = np.argsort(other, kind="stable")
    sorted_other = other[order]
    lo = np.searchsorted(sorted_other, keys, side="left")
    hi = np.searchsorted(sorted_other, keys, side="right")
    count = np.minimum(hi - lo, MAX_BUCKET_PAIRS)
    hit = np.flatnonzero(count)
    if len(hit) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    count = count[hit]
    total = int(count.sum())
    first = np.repeat(lo[hit] - (np.cumsum(count) - count), count)
    positions = first + np.arange(total)
    return np.repeat(hit, count), order[positions]


def _unique_pairs(pairs: list[tuple[np.ndarray, np.ndarray]], width: int) -> tuple[np.ndarray, np.ndarray]:
    if not pairs:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    left = np.concatenate([p[0] for p in pairs]).astype(np.int64)
    right = np.concatenate([p[1] for p in pairs]).astype(np.int64)
    codes = np.unique(left * width + right)
    return codes // width, codes % width


# ------------------------------------------------------------------------------------------------
# The index in DIR/clusters/


class TextIndex:
    """Signatures of every body seen and the near-duplicate pairs found among them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.signatures_dir = folder / "signatures"
        self.edges_dir = folder / "edges"
        self.state_path = folder / INDEX_STATE
        self.params = {"algorithm": ALGORITHM, "num_perm": NUM_PERM, "shingle": SHINGLE, "bands": BANDS,
                       "rows": ROWS, "min_words": MIN_WORDS, "seed": SEED, "edge_floor": EDGE_FLOOR}
        state = self._load_state()
        self.rebuilt = state is None
        if state is None:
            # No index, or one made with other parameters: start again (the records are untouched).
            for sub in (self.signatures_dir, self.edges_dir):
                shutil.rmtree(sub, ignore_errors=True)
            state = {"index": self.params, "files": []}
        self.state: dict[str, Any] = state
        try:
            self.signatures_dir.mkdir(parents=True, exist_ok=True)
            self.edges_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot write the clusters folder {folder}: {error.strerror}") from None
        self._word_hashes = _WordHashes()

    def _load_state(self) -> dict[str, Any] | None:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("index") != self.params:
            return None
        return state

    def _parts(self, folder: Path) -> list[Path]:
        return sorted(p for p in folder.glob("part-*.parquet"))

    def _dataset(self, folder: Path) -> ds.Dataset | None:
        parts = self._parts(folder)
        if not parts:
            return None
        try:
            return ds.dataset([str(p) for p in parts], format="parquet")
        except (OSError, pa.ArrowException) as error:
            raise InputError(f"the dedupe index in {self.folder} is unreadable ({error}); delete that folder "
                             "and run archiver dedupe again") from None

    def known_hashes(self) -> pa.Array:
        dataset = self._dataset(self.signatures_dir)
        if dataset is None:
            return pa.array([], pa.string())
        return pc.unique(dataset.to_table(columns=["content_hash"]).column("content_hash").combine_chunks())

    def stream(self, batch_size: int = 50_000, hashes: pa.Array | None = None
               ) -> Iterator[tuple[pa.Array, np.ndarray, np.ndarray]]:
        """(content hashes, 5-gram counts, signatures) of the index, a batch at a time."""
        dataset = self._dataset(self.signatures_dir)
        if dataset is None:
            return
        filter = pc.field("content_hash").isin(hashes) if hashes is not None else None
        for batch in dataset.to_batches(columns=["content_hash", "shingles", "minhash"], filter=filter,
                                        batch_size=batch_size):
            if batch.num_rows == 0:
                continue
            signatures = batch.column("minhash").flatten().to_numpy().reshape(-1, NUM_PERM)
            counts = batch.column("shingles").to_numpy()
            yield batch.column("content_hash"), counts, signatures

    def edges(self, threshold: float) -> pa.Table:
        dataset = self._dataset(self.edges_dir)
        if dataset is None:
            return pa.table({"a": pa.array([], pa.string()), "b": pa.array([], pa.string()),
                             "similarity": pa.array([], pa.float32())})
        table = dataset.to_table(filter=pc.field("similarity") >= pa.scalar(threshold, pa.float32()))
        # a run stopped between writing a chunk's pairs and its signatures repeats those pairs
        return table.group_by(["a", "b"]).aggregate([("similarity", "max")]).rename_columns(
            ["a", "b", "similarity"])

    def add_texts(self, archive: Archive, wanted: pa.Array, chunk_size: int, say: Callable[[str], None]) -> int:
        """Sign the bodies whose content hash is in ``wanted``, compare them, store them. Returns pairs checked."""
        seen_files = set(self.state["files"])
        new_files = [f for f in archive.files if f.name not in seen_files]
        old_files = [f for f in archive.files if f.name in seen_files]
        remaining = set(wanted.to_pylist())
        chunk_hashes: list[str] = []
        chunk_bodies: list[str] = []
        checked = 0
        for files in (new_files, old_files):
            if not remaining or not files:
                continue
            for batch in archive.scan(["content_hash", "body"], files=files, batch_size=1024):
                if not remaining:
                    break
                batch_hashes = batch.column("content_hash").to_pylist()
                rows = [i for i, h in enumerate(batch_hashes) if h in remaining]
                if not rows:
                    continue
                for content_hash, body in zip([batch_hashes[i] for i in rows],
                                              batch.column("body").take(pa.array(rows, pa.int64())).to_pylist()):
                    if content_hash in remaining and body:
                        remaining.discard(content_hash)
                        chunk_hashes.append(content_hash)
                        chunk_bodies.append(body)
                    if len(chunk_hashes) >= chunk_size:
                        checked += self._add_chunk(chunk_hashes, chunk_bodies)
                        say(f"indexed {len(wanted) - len(remaining):,} of {len(wanted):,} new texts")
                        chunk_hashes, chunk_bodies = [], []
        if chunk_hashes:
            checked += self._add_chunk(chunk_hashes, chunk_bodies)
        return checked

    def _add_chunk(self, hashes: list[str], bodies: list[str], sign_batch: int = 1_000) -> int:
        signatures = np.empty((len(bodies), NUM_PERM), dtype=np.uint32)
        counts = np.empty(len(bodies), dtype=np.int64)
        for start in range(0, len(bodies), sign_batch):  # a few MB of 5-grams at a time
            shingles, batch_counts = shingle_hashes(pa.array(bodies[start:start + sign_batch], pa.string()),
                                                    self._word_hashes)
            signatures[start:start + sign_batch] = minhash(shingles, batch_counts)
            counts[start:start + sign_batch] = batch_counts
        del bodies
        eligible = np.flatnonzero(counts >= MIN_SHINGLES)
        keys = band_keys(signatures[eligible])
        edges_a: list[np.ndarray] = []
        edges_b: list[np.ndarray] = []
        edges_s: list[np.ndarray] = []
        hash_array = np.array(hashes, dtype=object)
        checked = 0

        # the chunk against itself
        pairs = [_self_pairs(keys[:, band]) for band in range(BANDS)]
        pairs = [(np.minimum(x, y), np.maximum(x, y)) for x, y in pairs]
        left, right = _unique_pairs(pairs, len(eligible))
        left, right = eligible[left], eligible[right]
        checked += len(left)
        for i, j, s in _verify(signatures, counts, left, signatures, counts, right):
            edges_a.append(hash_array[i])
            edges_b.append(hash_array[j])
            edges_s.append(s)

        # the chunk against the index, streamed
        for other_hashes, other_counts, other_signatures in self.stream():
            other_eligible = np.flatnonzero(other_counts >= MIN_SHINGLES)
            if len(other_eligible) == 0 or len(eligible) == 0:
                continue
            other_keys = band_keys(other_signatures[other_eligible])
            pairs = [_cross_pairs(keys[:, band], other_keys[:, band]) for band in range(BANDS)]
            left, right = _unique_pairs(pairs, len(other_eligible))
            left, right = eligible[left], other_eligible[right]
            checked += len(left)
            other_array = np.array(other_hashes.to_pylist(), dtype=object)
            for i, j, s in _verify(signatures, counts, left, other_signatures, other_counts, right):
                edges_a.append(hash_array[i])
                edges_b.append(other_array[j])
                edges_s.append(s)

        seq = self._next_part()
        a = np.concatenate(edges_a) if edges_a else np.empty(0, dtype=object)
        b = np.concatenate(edges_b) if edges_b else np.empty(0, dtype=object)
        low, high = np.where(a < b, a, b), np.where(a < b, b, a)  # each pair once, as (smaller, larger)
        edges = pa.table({
            "a": pa.array(low.tolist(), pa.string()),
            "b": pa.array(high.tolist(), pa.string()),
            "similarity": pa.array(np.concatenate(edges_s) if edges_s else np.empty(0), pa.float32()),
        })
        # pairs before signatures: a run stopped in between finds these texts unsigned and redoes them
        _write_atomic(edges, self.edges_dir / f"part-{seq:06d}.parquet")
        signature_table = pa.table({
            "content_hash": pa.array(hashes, pa.string()),
            "shingles": pa.array(counts, pa.int32()),
            "minhash": pa.FixedSizeListArray.from_arrays(pa.array(signatures.reshape(-1), pa.uint32()), NUM_PERM),
        })
        _write_atomic(signature_table, self.signatures_dir / f"part-{seq:06d}.parquet", compression="none")
        return checked

    def _next_part(self) -> int:
        numbers = [int(p.stem.split("-")[1]) for p in self._parts(self.signatures_dir) + self._parts(self.edges_dir)]
        return max(numbers, default=0) + 1

    def remember_files(self, archive: Archive) -> None:
        """Record which record files have had their bodies indexed (their texts need not be read again)."""
        self.state["files"] = sorted(f.name for f in archive.files)
        temporary = self.state_path.with_name(f".{self.state_path.name}.tmp")
        temporary.write_text(json.dumps(self.state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, self.state_path)

    def signatures_of(self, hashes: list[str]) -> dict[str, tuple[int, np.ndarray]]:
        found: dict[str, tuple[int, np.ndarray]] = {}
        if not hashes:
            return found
        for batch_hashes, counts, signatures in self.stream(hashes=pa.array(sorted(set(hashes)), pa.string())):
            for k, content_hash in enumerate(batch_hashes.to_pylist()):
                found[content_hash] = (int(counts[k]), signatures[k].copy())
        return found


def _verify(sig_a: np.ndarray, counts_a: np.ndarray, left: np.ndarray, sig_b: np.ndarray, counts_b: np.ndarray,
            right: np.ndarray, block: int = 100_000) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Pairs (left[k], right[k]) whose overlap is at least ``EDGE_FLOOR``, with that overlap."""
    for start in range(0, len(left), block):
        i = left[start:start + block]
        j = right[start:start + block]
        similarity = overlap(sig_a[i], sig_b[j], counts_a[i], counts_b[j])
        keep = similarity >= EDGE_FLOOR
        if keep.any():
            yield i[keep], j[keep], similarity[keep].astype(np.float32)


# ------------------------------------------------------------------------------------------------
# Clusters


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _clusters(current: pa.Table, index: TextIndex, threshold: float) -> pa.Table:
    n = current.num_rows
    content = current.column("content_hash").combine_chunks()
    encoded = pc.dictionary_encode(content)
    texts = encoded.dictionary
    node = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    n_texts = len(texts)

    # components of texts, joined by the stored pairs at or above the threshold
    edges = index.edges(threshold)
    a = pc.index_in(edges.column("a"), value_set=texts).to_numpy(zero_copy_only=False)
    b = pc.index_in(edges.column("b"), value_set=texts).to_numpy(zero_copy_only=False)
    live = ~(np.isnan(a.astype(float)) | np.isnan(b.astype(float))) if len(a) else np.zeros(0, bool)
    union = _UnionFind(n_texts)
    edge_similarity: dict[tuple[int, int], float] = {}
    similarity_column = edges.column("similarity").to_numpy()
    for k in np.flatnonzero(live):
        x, y = int(a[k]), int(b[k])
        union.union(x, y)
        edge_similarity[(min(x, y), max(x, y))] = float(similarity_column[k])
    text_component = np.array([union.find(t) for t in range(n_texts)], dtype=np.int64)
    # records without a body are their own cluster
    component = np.where(node >= 0, text_component[np.maximum(node, 0)], n_texts + np.arange(n))

    # the canonical record: the original outlet's copy when a member names it, else the earliest
    original = _original_outlet_flags(current, component)
    ordering = pa.table({
        "component": component,
        "not_original": ~original,
        "published": current.column("published"),
        "fetched_at": current.column("fetched_at"),
        "id": current.column("id"),
    })
    order = pc.sort_indices(ordering, sort_keys=[("component", "ascending"), ("not_original", "ascending"),
                                                 ("published", "ascending"), ("fetched_at", "ascending"),
                                                 ("id", "ascending")]).to_numpy()
    sorted_component = component[order]
    first = np.ones(n, dtype=bool)
    first[1:] = sorted_component[1:] != sorted_component[:-1]
    leader_position = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    canonical_row = np.empty(n, dtype=np.int64)
    canonical_row[order] = order[leader_position]
    sizes = np.bincount(component - component.min()) if n else np.zeros(0, np.int64)
    cluster_size = sizes[component - component.min()] if n else np.zeros(0, np.int64)
    is_canonical = canonical_row == np.arange(n)

    # similarity to the canonical record
    similarity = np.where(node >= 0, 1.0, np.nan)
    match = np.full(n, None, dtype=object)
    canonical_node = node[canonical_row]
    same_text = (~is_canonical) & (node == canonical_node)
    match[same_text] = "content_hash"
    near = np.flatnonzero((~is_canonical) & (node != canonical_node) & (node >= 0))
    match[near] = "near_duplicate"
    missing: list[int] = []
    for r in near:
        x, y = int(node[r]), int(canonical_node[r])
        value = edge_similarity.get((min(x, y), max(x, y)))
        if value is None:
            missing.append(int(r))
        else:
            similarity[r] = value
    if missing:  # joined through other members: measure against the canonical text itself
        needed = {texts[int(node[r])].as_py() for r in missing} | {texts[int(canonical_node[r])].as_py() for r in missing}
        signatures = index.signatures_of(sorted(needed))
        for row in missing:
            ca, sa = signatures[texts[int(node[row])].as_py()]
            cb, sb = signatures[texts[int(canonical_node[row])].as_py()]
            similarity[row] = float(overlap(sa[None], sb[None], np.array([ca]), np.array([cb]))[0])
    similarity = np.where(is_canonical & (node >= 0), 1.0, similarity)

    ids = current.column("id").combine_chunks()
    table = pa.table({
        "id": ids,
        "version": current.column("version"),
        "source": current.column("source"),
        "cluster_id": ids.take(pa.array(canonical_row)),
        "cluster_size": pa.array(cluster_size, pa.int32()),
        "is_canonical": pa.array(is_canonical),
        "similarity": pa.array(np.round(similarity, 4), pa.float32(), from_pandas=True),
        "match": pa.array(match.tolist(), pa.string()),
        "content_hash": content,
    }, schema=CLUSTER_SCHEMA)
    return table.sort_by([("cluster_id", "ascending"), ("is_canonical", "descending"), ("id", "ascending")])


def _original_outlet_flags(current: pa.Table, component: np.ndarray) -> np.ndarray:
    """True for a record that another member of its cluster names as the original (URL, outlet or host)."""
    flags = np.zeros(current.num_rows, dtype=bool)
    named = pc.or_(pc.is_valid(current.column("original_url")), pc.is_valid(current.column("original_source")))
    rows = np.flatnonzero(named.to_numpy(zero_copy_only=False))
    if len(rows) == 0:
        return flags
    urls: dict[int, set[str]] = {}
    outlets: dict[int, set[str]] = {}
    for r in rows:
        c = int(component[r])
        url = current.column("original_url")[int(r)].as_py()
        outlet = current.column("original_source")[int(r)].as_py()
        if url:
            try:
                canonical = canonicalize_url(url)
                urls.setdefault(c, set()).add(canonical)
                outlets.setdefault(c, set()).add(host_of(canonical).removeprefix("www."))
            except ValueError:
                pass
        if outlet:
            outlets.setdefault(c, set()).add(outlet.lower().removeprefix("www."))
    members = np.flatnonzero(np.isin(component, np.array(sorted(set(urls) | set(outlets)), dtype=np.int64)))
    for r in members:
        c = int(component[r])
        row = {name: current.column(name)[int(r)].as_py() for name in ("canonical_url", "source_domain", "source")}
        if row["canonical_url"] in urls.get(c, ()) or any((row[k] or "").lower().removeprefix("www.") in outlets.get(c, ()) for k in ("source_domain", "source")):
            flags[r] = True
    return flags


def read_clusters(path: str | os.PathLike[str]) -> pa.Table | None:
    """The clusters table of an output folder, or None when ``dedupe`` has not been run."""
    file = Path(path) / "clusters" / CLUSTERS_FILE
    if not file.exists():
        return None
    try:
        return pq.read_table(file)
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"cannot read {file}: {error}; run archiver dedupe again") from None


def stale_records(current: pa.Table, clusters: pa.Table) -> int:
    """How many rows of ``current`` (records with ``CLUSTER_KEY``) the clusters table does not describe."""
    def key(table: pa.Table) -> pa.Array:
        return pc.binary_join_element_wise(table.column("id"), pc.cast(table.column("version"), pa.string()),
                                           pc.fill_null(table.column("content_hash"), ""), "|")

    return int(pc.sum(pc.invert(pc.is_in(key(current), value_set=key(clusters)))).as_py() or 0)


def clusters_metadata(table: pa.Table) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()
            if k.startswith(b"archiver.clusters.")}


def _table_metadata(threshold: float) -> dict[str, str]:
    return {
        "archiver.clusters.algorithm": ALGORITHM,
        "archiver.clusters.threshold": f"{threshold:g}",
        "archiver.clusters.description": (
            f"exact: same canonical URL (one id) or same content_hash; near: MinHash ({NUM_PERM} hashes) "
            f"of word {SHINGLE}-grams, LSH {BANDS}x{ROWS}, overlap of the shorter text >= {threshold:g}; "
            f"bodies under {MIN_WORDS} words matched exactly only"),
    }


def _write_atomic(table: pa.Table, path: Path, metadata: dict[str, str] | None = None,
                  compression: str = "zstd") -> None:
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        pq.write_table(table, temporary, compression=compression)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------------------------------------
# The summary


def _summarize(report: DedupeReport, table: pa.Table, archive: Archive, examples: int) -> None:
    multi = table.filter(pc.greater(table.column("cluster_size"), 1))
    report.clusters = int(pc.sum(multi.column("is_canonical")).as_py() or 0)
    report.clustered_records = multi.num_rows
    matches = Counter(multi.column("match").to_pylist())
    report.exact_duplicates = matches.get("content_hash", 0)
    report.near_duplicates = matches.get("near_duplicate", 0)
    size_counts = Counter(multi.filter(multi.column("is_canonical")).column("cluster_size").to_pylist())
    buckets: Counter[str] = Counter()
    for size, count in size_counts.items():
        label = str(size) if size < 5 else ("5-9" if size < 10 else ("10-99" if size < 100 else "100+"))
        buckets[label] += count
    order = ["2", "3", "4", "5-9", "10-99", "100+"]
    report.sizes = {k: buckets[k] for k in order if buckets.get(k)}
    if not examples or multi.num_rows == 0:
        return
    canon = multi.filter(multi.column("is_canonical")).sort_by([("cluster_size", "descending"),
                                                               ("cluster_id", "ascending")])
    top = canon.column("cluster_id").to_pylist()[:examples]
    sizes = canon.column("cluster_size").to_pylist()[:examples]
    members = multi.filter(pc.is_in(multi.column("cluster_id"), value_set=pa.array(top, pa.string())))
    sources: dict[str, set[str]] = {}
    for cid, source in zip(members.column("cluster_id").to_pylist(), members.column("source").to_pylist()):
        sources.setdefault(cid, set()).add(source)
    details = archive.read(["id", "title", "published"], filter=pc.field("id").isin(top)).to_pylist()
    titles = {d["id"]: d for d in details}
    for cid, size in zip(top, sizes):
        detail = titles.get(cid, {})
        published = detail.get("published")
        report.examples.append(ClusterExample(cid, size, sorted(sources.get(cid, ())), detail.get("title"),
                                              published.date().isoformat() if published else None))
