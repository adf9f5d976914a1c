"""Extraction benchmark: archiver's extraction beside plain trafilatura on the shared devset.

    .venv/bin/python benchmarks/extraction.py [--devset ../shared/devset] [--jobs 2] [--corpus fundus]
                                              [--half A|B|both] [--orgs]

Builds a manifest from the devset's truth.jsonl, runs archiver's batch extraction (the code
path of ``archiver extract --manifest``), runs plain trafilatura (``bare_extraction`` with
metadata, defaults) on the same pages, scores both with the devset's score.py (imported from the
devset folder, so its functions are the scorer's own) and prints the two side by side per corpus:
the whole corpus, half A, half B and the gap B - A (``benchmarks/devset_split.py``: a fixed split
by publisher; develop on A, look at B only to see whether a change generalizes). ``--half A`` runs
and prints half A only (``--half B`` likewise). Pages per second per core closes the table. The
baseline's predictions are cached in ``benchmarks/.cache/`` (keyed by trafilatura's version; pages
not cached yet are added); ``--refresh`` redoes them.

Bylines, persons and organisations. The devset's byline labels mix persons and organisations
("AFP", "dpa", "Redaktion", "BBC News", an outlet's own name). ``org_rule()`` classes each
labelled name (names split and normalised exactly as score.py does) as an organisation by the
first of these rules that matches, else as a person:

  agency     it begins or ends with the name of a news agency, wire service or public broadcaster
             (``AGENCIES``; the acronyms in ``CAPS_ONLY`` only when written in capitals), also
             after a "/" ("APA/AP", "det/dpa", "FR mit dpa", "MDR THÜRINGEN/ls");
  org word   one of its words is in ``ORG_WORDS`` (Redaktion, Staff, Team, News, Online, ...),
             or the whole name is an abbreviation in ``ORG_ABBREVIATIONS`` ("red." = Redaktion);
  capitals   it is one word of 2 to 5 letters, all capitals ("SDA", "NDR", "BBAW");
  web address  it is a domain name ("mbl.is", "ntv.com.tr", "hessenschau.de/bb");
  site name  squashed (case, accents, a leading article, spaces and punctuation dropped) it
             equals one of the page's site names: a label of its host before the public suffix
             ("kicker" on kicker.de, "DER SPIEGEL" on spiegel.de, "nwx" on nwx.new-work.se), the
             domain itself, or the page's og:site_name (read with a regular expression from the
             saved page); but not when it is written like a person's name, two to four
             capitalised words ("Gregory Szorc" on gregoryszorc.com: personal sites are named
             after their authors). On blog platforms (foo.wordpress.com, devset_split.PLATFORMS)
             the blog is its blogger's: neither the subdomain nor the blog's title counts.

The counts of labels each rule classed (first match) are printed per corpus; ``--orgs`` lists
every label classed as an organisation, with its rule. Then, beside ``byline exact`` (all labels
against archiver's ``byline``, score.py's figure):

  persons exact        archiver's ``byline`` against the person labels only, on the pages
                       labelled with names; on a page whose labels are all organisations ("no
                       person") an empty byline is right;
  persons+orgs exact   archiver's ``byline`` + ``byline_orgs`` against all labels;
  credit invented      pages labelled "no author" where ``byline`` + ``byline_orgs`` is not empty;
  title exact          ``title`` against the pages labelled with one, Unicode-normalised, case- and
                       space-folded (score.py scores no titles).

trafilatura has one author field: its names count as persons (persons exact) and as persons +
organisations (persons+orgs exact, which is then its byline exact).
"""

from __future__ import annotations

import argparse
import gzip
import html
import importlib.util
import json
import multiprocessing
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import devset_split  # noqa: E402

from archiver.extraction.batch import read_page, run_manifest  # noqa: E402

CACHE = HERE / ".cache"
#: This run's intermediate files carry the process id (runs may overlap); ``publish()`` gives them
#: their plain names (manifest.jsonl, archiver.out.jsonl, archiver.preds.jsonl) when the run is done.
RUN = f".run{os.getpid()}"


def _run_file(name: str) -> Path:
    return CACHE / name.replace(".jsonl", f"{RUN}.jsonl")


def publish() -> None:
    """Rename this run's intermediate files to their plain names (the last finished run's)."""
    for name in ("manifest.jsonl", "archiver.out.jsonl", "archiver.preds.jsonl"):
        if _run_file(name).exists():
            os.replace(_run_file(name), CACHE / name)
CORPORA_ORDER = ("fundus", "trafi")


def load_scorer(devset: Path):
    """The devset's score.py as a module (its split_names, norm_name and score are used as they are)."""
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_manifest(devset: Path, corpora: set[str] | None, limit: int | None,
                   half: str) -> tuple[Path, list[dict]]:
    """Write the manifest of the devset's pages; the truth URL is passed only when it is a real URL."""
    truth = devset_split.load_truth(devset)
    if corpora:
        truth = [row for row in truth if row["corpus"] in corpora]
    for row in truth:
        row["half"] = devset_split.half(row)  # raises if a page has no half
    if half != "both":
        truth = [row for row in truth if row["half"] == half]
    if limit:
        truth = truth[:limit]
    CACHE.mkdir(exist_ok=True)
    manifest = _run_file("manifest.jsonl")
    with manifest.open("w", encoding="utf-8") as out:
        for row in truth:
            url = row["url"] if str(row.get("url", "")).startswith(("http://", "https://")) else None
            out.write(json.dumps({"id": row["id"], "url": url, "path": str((devset / row["html"]).resolve())}) + "\n")
    return manifest, truth


def to_prediction(line: dict[str, Any]) -> dict[str, Any]:
    """score.py's prediction shape from one ``archiver extract --manifest`` output line (+ ``byline_orgs``)."""
    if "error" in line:
        return {"id": line["id"], "byline": None, "byline_orgs": [], "date": None, "caption": None, "body": None,
                "title": None}
    captions = []
    for caption in line.get("captions") or []:
        text = " ".join(part for part in (caption.get("text"), caption.get("credit")) if part)
        if text:
            captions.append(text)
    return {
        "id": line["id"],
        "byline": line.get("byline") or None,
        "byline_orgs": line.get("byline_orgs") or [],
        "date": line.get("published") or line.get("original_published"),
        "caption": captions,
        "body": line.get("body"),
        "title": line.get("title"),
    }


def run_archiver(manifest: Path, jobs: int) -> tuple[Path, float, int]:
    out = _run_file("archiver.out.jsonl")
    summary = run_manifest(manifest, out, jobs=jobs, progress=sys.stderr.isatty())
    preds = _run_file("archiver.preds.jsonl")
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
    pred: dict[str, Any] = {"id": entry["id"], "byline": None, "date": None, "caption": None, "body": None,
                            "title": None}
    try:
        page = read_page(Path(entry["path"])).decode("utf-8", errors="replace")
        doc = trafilatura.bare_extraction(page, url=entry.get("url"), with_metadata=True)
        if doc is not None:
            pred.update(byline=doc.author, date=doc.date, body=doc.text, title=doc.title)
    except Exception as error:  # noqa: BLE001
        pred["error"] = str(error)
    return pred, time.process_time() - started


def run_baseline(manifest: Path, jobs: int, refresh: bool) -> tuple[Path, float]:
    """trafilatura's predictions for the manifest's pages, from the cache; pages not cached yet are run and added."""
    import trafilatura

    entries = [json.loads(line) for line in manifest.open(encoding="utf-8")]
    key = f"trafilatura-{trafilatura.__version__}"
    preds, timing = CACHE / f"{key}.preds.jsonl", CACHE / f"{key}.timing.json"
    cached: dict[str, str] = {}
    pages, cpu = 0, 0.0
    if not refresh and preds.exists() and timing.exists():
        cached = {json.loads(line)["id"]: line for line in preds.open(encoding="utf-8")}
        times = json.loads(timing.read_text())
        pages = times["pages"]
        cpu = times.get("cpu_seconds") or pages / times["pages_per_cpu_second"]
    # A page cached before titles were scored is run again.
    missing = [entry for entry in entries if entry["id"] not in cached or '"title":' not in cached[entry["id"]]]
    if missing:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_baseline_one, missing, chunksize=4)
        for pred, seconds in results:
            cached[pred["id"]] = json.dumps(pred, ensure_ascii=False) + "\n"
            cpu += seconds
        pages += len(results)
        with _run_file("baseline.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(cached.values())
        os.replace(_run_file("baseline.jsonl"), preds)
        _run_file("timing.jsonl").write_text(json.dumps({"pages_per_cpu_second": pages / cpu if cpu else 0.0,
                                                         "pages": pages, "cpu_seconds": cpu}))
        os.replace(_run_file("timing.jsonl"), timing)
    return preds, pages / cpu if cpu else 0.0


# --------------------------------------------------------------------------------------------------
# Persons and organisations in the byline labels

#: News agencies, wire services and public broadcasters, as written (matched without regard to
#: case, except CAPS_ONLY), as the first or last words of a name.
AGENCIES = (
    "AP", "Associated Press", "AFP", "Agence France-Presse", "Agence France Presse", "Reuters", "dpa",
    "Deutsche Presse-Agentur", "EFE", "Agencia EFE", "ANSA", "APA", "KNA", "epd", "SID", "PTI", "IANS", "ANI",
    "TNN", "Xinhua", "Kyodo", "Yonhap", "Anadolu", "Anadolu Ajansı", "Europa Press", "Lusa", "TT", "NTB",
    "Ritzau", "STT", "Belga", "SDA", "Keystone-SDA", "ATS", "Jiji", "Jiji Press", "Kathpress", "KAP", "AAP",
    "CP", "Canadian Press", "UPI", "Bloomberg", "TASS", "RIA Novosti", "Interfax", "Ukrinform", "PAP", "CTK",
    "MTI", "BTA", "Agerpres", "HINA", "Tanjug", "ANP", "Notimex", "Télam", "Prensa Latina", "Bernama", "Antara",
    "IPS", "DW", "Deutsche Welle", "ARD", "ZDF", "NDR", "MDR", "WDR", "SWR", "BR", "HR", "RBB", "SR",
    "ORF", "SRF", "SRG", "BBC", "CNN", "NPR", "PBS", "Deutschlandfunk",
)
#: Acronyms that are also given names or words: an agency only when written in capitals.
CAPS_ONLY = {"AP", "TT", "SID", "ANI", "ATS", "KAP", "CP", "PAP", "BR", "HR", "SR", "DW", "IPS", "ANP", "AAP"}
#: Words that make a name an organisation's (casefolded, whole words; a name's words are split at
#: spaces, hyphens, slashes and underscores).
ORG_WORDS = {
    "redaktion", "redaktionen", "redacción", "redaccion", "rédaction", "redaction", "redazione", "redação",
    "redacao", "redactie", "redaksjon", "newsroom", "staff", "desk", "newsdesk", "team",
    "webteam", "agency", "agentur", "agenturen", "agencia", "agence", "agenzia", "press", "presse",
    "pressestelle", "pressedienst", "news", "nachrichten", "online", "zeitung", "media", "medien",
    "magazine", "magazin", "verlag", "editors", "editorial", "tv", "fernsehen", "radio", "foundation",
    "stiftung", "verband", "bund", "verein", "gmbh", "ag", "se", "inc", "ltd", "llc", "group", "gruppe",
}
#: Abbreviations that are an organisation when they are the whole name.
ORG_ABBREVIATIONS = {"red"}  # "red." = Redaktion
#: Leading articles dropped before comparing a name with the site's name.
_ARTICLES = re.compile(r"^(?:the|der|die|das|le|la|les|el|il|lo|los|las|het)\s+")
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ı": "i"})
RULES = ("agency", "org word", "capitals", "web address", "site name")

_AGENCY_WORDS = [(tuple(_w for _w in re.split(r"[\s\-_/]+", a.casefold()) if _w), a in CAPS_ONLY) for a in AGENCIES]
_META_SITE_NAME = re.compile(
    rb"<meta\b[^>]*?(?:property|name)\s*=\s*[\"']og:site_name[\"'][^>]*>", re.I)
_CONTENT = re.compile(rb"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s\-_/]+", text.replace(".", " ")) if word]


def squash(text: str) -> str:
    """Casefolded, accents dropped, a leading article dropped, only letters and digits kept."""
    text = unicodedata.normalize("NFKD", text or "").casefold().strip().translate(_FOLD)
    text = _ARTICLES.sub("", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return "".join(ch for ch in text if ch.isalnum())


def person_shaped(text: str) -> bool:
    """Two to four capitalised words ("Gregory Szorc", "Frau Sabienes"): how a person's name is written."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"[^\W\d_][^\W\d_A-Z]*\.?", word) and word[0].isupper()
                                        for word in words)


def _is_agency(piece: str) -> bool:
    raw = [word.strip(".,;:()'\"") for word in _words(piece)]
    raw = [word for word in raw if word]
    folded = [word.casefold() for word in raw]
    if folded[:1] == ["the"]:
        raw, folded = raw[1:], folded[1:]
    for words, caps in _AGENCY_WORDS:
        n = len(words)
        for at in ((0, n), (len(folded) - n, len(folded))):
            if at[0] < 0 or tuple(folded[at[0]:at[1]]) != words:
                continue
            if not caps or all(word.isupper() for word in raw[at[0]:at[1]]):
                return True
    return False


def _is_org_word(piece: str) -> bool:
    words = [word.casefold().strip(".,;:()'\"") for word in _words(piece)]
    return any(word in ORG_WORDS for word in words) or " ".join(words) in ORG_ABBREVIATIONS


def _is_capitals(piece: str) -> bool:
    piece = piece.strip(" .,;:()'\"")
    letters = [ch for ch in piece if ch.isalpha()]
    return " " not in piece and 2 <= len(letters) <= 5 and all(ch.isupper() for ch in letters)


def _is_web_address(piece: str) -> bool:
    piece = piece.strip(" ,;:()'\"/").casefold()
    if not re.fullmatch(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?", piece):
        return False
    host = re.sub(r"^(?:https?://)?", "", piece).rstrip("/")
    suffix = devset_split.tld_parts(host).suffix
    return bool(suffix) and host.endswith("." + suffix)


def site_keys(row: dict, devset: Path) -> set[str]:
    """The page's site names, squashed: its host's labels, its domain, its og:site_name."""
    host = devset_split.page_host(row)
    domain = devset_split.publisher(row)
    keys = {squash(domain), squash(host.removeprefix("www."))}
    if devset_split.platform_blog(host):
        return {key for key in keys if len(key) >= 3}  # a blog platform: the blog is its blogger's
    suffix = devset_split.tld_parts(host).suffix
    labels = host[: -len(suffix) - 1] if suffix and host.endswith("." + suffix) else host
    keys.update(squash(label) for label in labels.split("."))  # "kicker" on kicker.de, "nwx" on nwx.new-work.se
    try:
        head = gzip.decompress((devset / row["html"]).read_bytes()) if row["html"].endswith(".gz") \
            else (devset / row["html"]).read_bytes()
    except OSError:
        head = b""
    for tag in _META_SITE_NAME.findall(head):
        content = _CONTENT.search(tag)
        if content:
            value = (content.group(1) or content.group(2) or b"").decode("utf-8", errors="replace")
            keys.add(squash(html.unescape(value)))
    return {key for key in keys if len(key) >= 3}


def org_rule(piece: str, sites: set[str]) -> str | None:
    """The first rule (``RULES``) that classes one labelled name as an organisation, or None (a person)."""
    pieces = [piece] + ([part for part in re.split(r"\s*/\s*", piece) if part.strip()] if "/" in piece else [])
    tests = {
        "agency": _is_agency,
        "org word": _is_org_word,
        "capitals": _is_capitals,
        "web address": _is_web_address,
        "site name": lambda text: squash(text) in sites and not person_shaped(text),
    }
    for rule in RULES:
        if any(tests[rule](part) for part in pieces):
            return rule
    return None


# score.split_names's separators: a labelled string is cut here, then each part normalised with
# score.norm_name; the raw part is kept for the rules that look at how it is written.
_SEPARATORS = r";|\||,|&|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+"


def labelled_names(row: dict, scorer, sites: set[str]) -> list[tuple[str, str, str | None]]:
    """(raw, normalised, rule or None) for each name a page's truth gives, as score.py splits them."""
    value = row.get("byline_list") or row.get("byline")
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if not isinstance(item, str):
            continue
        for part in re.split(_SEPARATORS, item):
            name = scorer.norm_name(part)
            if name:
                out.append((part.strip(), name, org_rule(part.strip(), sites)))
    assert [name for _, name, _ in out] == scorer.split_names(value), (row["id"], out)
    return out


def classify_truth(truth: list[dict], scorer, devset: Path) -> dict[str, list[tuple[str, str, str | None]]]:
    """Page id -> its labelled names with their class, for the pages labelled with names."""
    return {row["id"]: labelled_names(row, scorer, site_keys(row, devset)) for row in truth if row.get("byline")}


def credit_scores(rows: list[dict], preds: dict[str, dict], names: dict[str, list], scorer) -> dict[str, Any]:
    """persons exact, persons+orgs exact and credit invented over ``rows`` (one corpus, one half)."""
    pos = persons = both = neg = invented = 0
    for row in rows:
        if row.get("byline") is None:
            continue
        pred = preds.get(row["id"]) or {}
        pred_persons = set(scorer.split_names(pred.get("byline")))
        pred_orgs = set(scorer.split_names(pred.get("byline_orgs") or []))
        if row["byline"]:
            labels = names[row["id"]]
            pos += 1
            persons += pred_persons == {name for _, name, rule in labels if rule is None}
            both += pred_persons | pred_orgs == {name for _, name, _ in labels}
        else:
            neg += 1
            invented += bool(pred_persons or pred_orgs)
    return {"persons_exact": persons / pos if pos else None, "persons_orgs_exact": both / pos if pos else None,
            "credit_invented": invented / neg if neg else None, "n_pos": pos, "n_neg": neg}


def title_scores(rows: list[dict], preds: dict[str, dict]) -> dict[str, Any]:
    """title exact over ``rows`` labelled with a title: equal once Unicode-normalised (NFKC), case- and
    space-folded (score.py does not score titles; the labels give them)."""
    labelled = [row for row in rows if row.get("title")]
    right = sum(_folded((preds.get(row["id"]) or {}).get("title")) == _folded(row["title"]) for row in labelled)
    return {"exact": right / len(labelled) if labelled else None, "n": len(labelled)}


def _folded(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


# --------------------------------------------------------------------------------------------------
# Scoring and the table


def load_preds(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {pred["id"]: pred for pred in map(json.loads, handle)}


def evaluate(truth: list[dict], preds: dict[str, dict], names: dict, scorer, halves: list[str]) -> dict:
    """{(corpus, half): {field: {key: value}}} for half in ``halves`` ("all", "A", "B")."""
    out: dict[tuple[str, str], dict] = {}
    for half in halves:
        rows = truth if half == "all" else [row for row in truth if row["half"] == half]
        results = scorer.score(rows, preds)
        for corpus in {row["corpus"] for row in rows}:
            res = results.get(corpus, {})
            corpus_rows = [row for row in rows if row["corpus"] == corpus]
            res["credit"] = credit_scores(corpus_rows, preds, names, scorer)
            res["title"] = title_scores(corpus_rows, preds)
            res["pages"] = {"n": len(corpus_rows), "bylines": sum(bool(row.get("byline")) for row in corpus_rows)}
            out[(corpus, half)] = res
    return out


ROWS = [
    ("pages", "pages", "n"),
    ("labelled bylines", "pages", "bylines"),
    ("byline exact", "byline", "exact"),
    ("persons exact", "credit", "persons_exact"),
    ("persons+orgs exact", "credit", "persons_orgs_exact"),
    ("byline spurious", "byline", "spurious"),
    ("credit invented", "credit", "credit_invented"),
    ("date exact", "date", "exact"),
    ("title exact", "title", "exact"),
    ("caption P", "caption", "precision"),
    ("caption R", "caption", "recall"),
    ("caption F1", "caption", "f1"),
    ("body F1", "body", "f1"),
    ("snippet F1", "body_snip", "f1"),
]
_COUNTS = {"pages", "labelled bylines"}


def table(ours: dict, base: dict, halves: list[str], our_rate: float, base_rate: float) -> str:
    gap = halves == ["all", "A", "B"]
    cols = [*halves, "B−A"] if gap else halves
    head = [f"trafilatura {c}" if c != "all" else "trafilatura" for c in cols]
    head += [f"archiver {c}" if c != "all" else "archiver" for c in cols]
    lines = ["| corpus | metric | " + " | ".join(head) + " |", "|---|---|" + "---:|" * len(head)]
    corpora = sorted({corpus for corpus, _ in ours}, key=lambda c: (CORPORA_ORDER + (c,)).index(c))
    for corpus in corpora:
        for label, field, key in ROWS:
            cells = []
            for results in (base, ours):
                values = [((results.get((corpus, half)) or {}).get(field) or {}).get(key) for half in halves]
                cells += [_fmt(value, label in _COUNTS) for value in values]
                if gap:
                    a, b = values[1], values[2]
                    cells.append("-" if a is None or b is None or label in _COUNTS else f"{b - a:+.3f}")
            if all(cell == "-" for cell in cells):
                continue
            lines.append(f"| {corpus} | {label} | " + " | ".join(cells) + " |")
    blank = ["" for _ in cols[1:]]
    lines.append("| all | pages/s per core | " + " | ".join([f"{base_rate:.1f}", *blank, f"{our_rate:.1f}", *blank])
                 + " |")
    return "\n".join(lines)


def org_summary(truth: list[dict], names: dict) -> str:
    """Per corpus: labels by class and rule, and pages by what their labels credit."""
    lines = ["| corpus | labels | persons | " + " | ".join(RULES) + " | pages: persons only | mixed | orgs only |",
             "|---|" + "---:|" * (len(RULES) + 5)]
    corpora = sorted({row["corpus"] for row in truth}, key=lambda c: (CORPORA_ORDER + (c,)).index(c))
    for corpus in corpora:
        rules: Counter = Counter()
        pages: Counter = Counter()
        for row in truth:
            if row["corpus"] != corpus or row["id"] not in names:
                continue
            labels = names[row["id"]]
            rules.update(rule or "person" for _, _, rule in labels)
            kinds = {rule is None for _, _, rule in labels}
            pages["persons only" if kinds == {True} else "orgs only" if kinds == {False} else "mixed"] += 1
        cells = [sum(rules.values()), rules["person"], *(rules[rule] for rule in RULES),
                 pages["persons only"], pages["mixed"], pages["orgs only"]]
        lines.append(f"| {corpus} | " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines)


def _fmt(value: float | None, count: bool = False) -> str:
    if value is None:
        return "-"
    return str(value) if count else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=REPO.parent / "shared" / "devset")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", help="comma-separated corpora (default: all)")
    parser.add_argument("--half", choices=("A", "B", "both"), default="both",
                        help="run and print half A or half B of the publisher split only (default: both, and the gap)")
    parser.add_argument("--limit", type=int, help="only the first N pages (quick checks)")
    parser.add_argument("--refresh", action="store_true", help="recompute the cached trafilatura baseline")
    parser.add_argument("--no-baseline", action="store_true", help="score archiver only")
    parser.add_argument("--orgs", action="store_true", help="list every label classed as an organisation")
    args = parser.parse_args()
    corpora = set(args.corpus.split(",")) if args.corpus else None
    halves = ["all", "A", "B"] if args.half == "both" else [args.half]
    scorer = load_scorer(args.devset)

    try:
        manifest, truth = build_manifest(args.devset, corpora, args.limit, args.half)
        print(f"{len(truth)} pages, {args.jobs} jobs, half {args.half}", file=sys.stderr)
        names = classify_truth(truth, scorer, args.devset)
        preds, our_rate, _ = run_archiver(manifest, args.jobs)
        ours = evaluate(truth, load_preds(preds), names, scorer, halves)
        if args.no_baseline:
            base, base_rate = {}, 0.0
        else:
            base_preds, base_rate = run_baseline(manifest, args.jobs, args.refresh)
            base = evaluate(truth, load_preds(base_preds), names, scorer, halves)
        publish()
    finally:
        for leftover in CACHE.glob(f"*{RUN}.*"):
            leftover.unlink()
    print(table(ours, base, halves, our_rate, base_rate))
    print()
    print("Byline labels classed as persons or as organisations (by the first rule that matches):")
    print()
    print(org_summary(truth, names))
    if args.orgs:
        print()
        for row in truth:
            for raw, _, rule in names.get(row["id"], []):
                if rule:
                    print(f"{row['corpus']}\t{row['half']}\t{rule}\t{raw}")


if __name__ == "__main__":
    main()
