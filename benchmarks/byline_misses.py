"""Half A's byline misses, page by page, from the last run of ``benchmarks/extraction.py``.

    .venv/bin/python benchmarks/byline_misses.py [--corpus trafi] [--all]

Reads ``benchmarks/.cache/archiver.out.jsonl`` (the last finished run's records) and prints, for each
page of half A whose persons or persons+orgs are wrong (``--all``: every labelled page of half A), its
address, its labels with their class, archiver's ``byline`` and ``byline_orgs`` and the rule that gave
the byline. Half B is never listed: look at it through the benchmark's figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import devset_split  # noqa: E402
import extraction  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=extraction.REPO.parent / "shared" / "devset")
    parser.add_argument("--corpus", default="trafi")
    parser.add_argument("--all", action="store_true", help="list the pages scored right too")
    parser.add_argument("--negatives", action="store_true", help="list 'no author' pages given a credit")
    args = parser.parse_args()
    scorer = extraction.load_scorer(args.devset)
    truth = [row for row in devset_split.load_truth(args.devset) if row["corpus"] == args.corpus]
    truth = [row for row in truth if devset_split.half(row) == "A"]
    names = extraction.classify_truth(truth, scorer, args.devset)
    records = {}
    with (extraction.CACHE / "archiver.out.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records[record["id"]] = record
    for row in truth:
        if row.get("byline") is None or row["id"] not in records:
            continue
        record = records[row["id"]]
        persons = set(scorer.split_names(record.get("byline") or None))
        orgs = set(scorer.split_names(record.get("byline_orgs") or []))
        source = (record.get("field_sources") or {}).get("byline")
        if row["byline"]:
            labels = names[row["id"]]
            want_persons = {name for _, name, rule in labels if rule is None}
            ok = persons == want_persons and persons | orgs == {name for _, name, _ in labels}
            if ok and not args.all or args.negatives:
                continue
            shown = "; ".join(f"{raw}" + (f" [{rule}]" if rule else "") for raw, _, rule in labels)
        else:
            if not args.negatives or not (persons or orgs):
                continue
            shown, ok = "(no author)", False
        print(f"{'ok ' if ok else 'BAD'} {row['id']} {row['url']}")
        print(f"    truth: {shown}")
        print(f"    ours:  {record.get('byline')} orgs={record.get('byline_orgs')} via {source}")


if __name__ == "__main__":
    main()
