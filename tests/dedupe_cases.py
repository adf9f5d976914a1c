"""A labelled set of near-duplicate and distinct-but-similar pieces, and records built from them.

Each piece is an op-ed written from a topic's stock phrases, so two different pieces on one topic
by one author share much vocabulary and many phrases, as real columns do. Each piece then appears
on several blogs the way reposts do:

* ``retitled``: another title, the blog's own header and footer boilerplate around the same text;
* ``trimmed``: the last paragraphs dropped (up to about 40 % of the text), a "Read more" link added;
* ``typo``: a few words misspelt or corrected;
* ``mixed``: all of the above at once;
* ``self_repost``: the same blog posting its own piece again, word for word.

The distinct-but-similar pieces (the negatives) are other pieces of the same author on the same
topic, with the same author bio and the same blog footer, and follow-ups that quote a paragraph of
an earlier piece. ``label`` names the piece a record is a copy of: records with equal labels are
the same piece, all other pairs are different pieces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from archiver.items import Commentary, PageSnapshot
from archiver.records import build_record

TOPICS: dict[str, dict[str, list[str] | str]] = {
    "shipping": {
        "author": "Miriam Castellanos",
        "phrases": [
            "the Strait of Malacca", "container freight rates", "the port of Kaohsiung", "insurance premiums for tankers",
            "a chokepoint that carries a third of world trade", "the Bashi Channel", "naval escorts",
            "supply chains that were built for a calmer decade", "shipping lines", "Asia's trade diplomacy",
            "the Red Sea detours", "freight forwarders in Singapore", "just-in-time inventories",
            "governments in the region", "the cost of rerouting around the Cape", "a blockade scenario",
            "semiconductor shipments", "maritime law", "the coast guard", "regional ports",
        ],
    },
    "climate": {
        "author": "Josh Rogin",
        "phrases": [
            "the energy transition", "coal-fired power plants", "carbon border taxes", "the Paris targets",
            "solar panel tariffs", "developing economies", "the grid operators", "heat waves across the region",
            "emissions from heavy industry", "climate finance pledges", "the next round of negotiations",
            "battery supply chains", "rising sea levels", "policy makers in Beijing and Washington",
            "a credible path to net zero", "electricity prices", "farmers facing drought",
            "the cost of inaction", "green industrial policy", "international lenders",
        ],
    },
    "elections": {
        "author": "Ana Lindqvist",
        "phrases": [
            "the opposition party", "voter turnout among young people", "the electoral commission",
            "disinformation campaigns", "a coalition government", "the presidential debate", "polling stations",
            "the swing districts", "campaign finance rules", "the ruling party's candidate", "local councils",
            "a contested recount", "the constitutional court", "independent observers", "the party primaries",
            "rural voters", "the cost of living", "a landslide victory", "the legislature", "public trust in institutions",
        ],
    },
}

CONNECTIVES = [
    "This is why", "Critics argue that", "It is worth remembering that", "Officials insist that", "Meanwhile,",
    "For now,", "Yet", "In practice,", "Few expected that", "The lesson is that", "Consider how",
    "What matters most is that", "No one should pretend that", "Over the past year,", "Even so,",
]
VERBS = [
    "depends on", "reshapes", "undermines", "exposes", "strengthens", "complicates", "tests", "redefines",
    "weakens", "rewards", "outlasts", "threatens", "clarifies", "raises the stakes for", "changes",
]
ENDINGS = [
    "more than most people realize.", "in ways that will last for years.", "before anyone is ready.",
    "with little public debate.", "at a moment of real uncertainty.", "and the costs are rising.",
    "whatever the official line says.", "as the evidence keeps showing.", "for better or worse.",
    "far beyond the headlines.", "and the choices ahead are hard.", "long after this season ends.",
]

BLOG_HEADER = {
    "taiwan-reader": "Reposted here for readers in Taiwan who cannot reach the original site.",
    "policy-digest": "Today's recommended reading, selected by the Policy Digest team.",
    "asia-notes": "From the opinion pages. Shared for discussion and education only.",
}
BLOG_FOOTER = {
    "taiwan-reader": ("Share this: Facebook, Twitter, Email. Comments are moderated; please keep them civil and on "
                      "topic. Subscribe to Taiwan Reader by email to receive new posts."),
    "policy-digest": ("The views expressed are the author's own and do not reflect those of Policy Digest. Like "
                      "this post? Share it with a friend and follow us for daily picks."),
    "asia-notes": ("Posted in Asia Notes. All rights remain with the original publisher. Leave a comment below "
                   "or contact the editors with corrections."),
}
BLOGS = sorted(BLOG_HEADER)


def _sentence(rng: random.Random, phrases: list[str]) -> str:
    first, second = rng.sample(phrases, 2)
    text = f"{rng.choice(CONNECTIVES)} {first} {rng.choice(VERBS)} {second} {rng.choice(ENDINGS)}"
    return text[0].upper() + text[1:]


def write_piece(topic: str, seed: int, paragraphs: int = 7) -> list[str]:
    """An op-ed of ``paragraphs`` paragraphs of three to five sentences from the topic's phrases."""
    rng = random.Random(f"{topic}:{seed}")
    phrases = TOPICS[topic]["phrases"]
    assert isinstance(phrases, list)
    return [" ".join(_sentence(rng, phrases) for _ in range(rng.randint(3, 5))) for _ in range(paragraphs)]


def author_bio(topic: str) -> str:
    author = TOPICS[topic]["author"]
    return (f"{author} writes a column on {topic} and foreign affairs for the Global Opinions section. "
            f"{author} was previously a correspondent in Taipei and Singapore.")


def _with_blog(blog: str, paragraphs: list[str]) -> str:
    return "\n\n".join([BLOG_HEADER[blog], *paragraphs, BLOG_FOOTER[blog]])


def _typos(rng: random.Random, paragraphs: list[str], count: int = 3) -> list[str]:
    out = list(paragraphs)
    for _ in range(count):
        p = rng.randrange(len(out))
        words = out[p].split()
        w = rng.randrange(len(words))
        word = words[w]
        if len(word) > 3:
            k = rng.randrange(1, len(word) - 1)
            words[w] = word[:k] + word[k + 1] + word[k] + word[k + 2:]  # two letters swapped
        out[p] = " ".join(words)
    return out


@dataclass
class Case:
    label: str  #: the piece this record is a copy of
    kind: str  #: original, retitled, trimmed, typo, mixed, self_repost, sibling, follow_up
    blog: str
    title: str
    body: str
    published: datetime


def labelled_cases(pieces_per_topic: int = 4) -> list[Case]:
    """The labelled set: for each topic, pieces with their reposts, and distinct siblings."""
    cases: list[Case] = []
    day = datetime(2023, 3, 1, 9, 0, tzinfo=timezone.utc)
    for t, topic in enumerate(sorted(TOPICS)):
        bio = author_bio(topic)
        for k in range(pieces_per_topic):
            rng = random.Random(f"cases:{topic}:{k}")
            paragraphs = write_piece(topic, k, paragraphs=rng.randint(5, 9)) + [bio]
            label = f"{topic}-{k}"
            home = BLOGS[(t + k) % len(BLOGS)]
            others = [b for b in BLOGS if b != home]
            when = day + timedelta(days=7 * k + t)
            title = f"{topic.title()} column {k}"
            cases.append(Case(label, "original", home, title, _with_blog(home, paragraphs), when))
            cases.append(Case(label, "retitled", others[0], f"Must read: {title.lower()}",
                              _with_blog(others[0], paragraphs), when + timedelta(hours=5)))
            keep = max(3, round(len(paragraphs) * rng.uniform(0.6, 0.8)))
            trimmed = paragraphs[:keep] + ["Read the rest of this column at the original publication."]
            cases.append(Case(label, "trimmed", others[1], title, _with_blog(others[1], trimmed), when + timedelta(days=1)))
            cases.append(Case(label, "typo", home, title + " (updated)", _with_blog(home, _typos(rng, paragraphs)),
                              when + timedelta(days=2)))
            mixed = _typos(rng, paragraphs[: max(3, keep - 1)], count=2)
            cases.append(Case(label, "mixed", others[0], f"{title}: a second look", _with_blog(others[0], mixed),
                              when + timedelta(days=3)))
            if k % 2 == 0:
                cases.append(Case(label, "self_repost", home, title, _with_blog(home, paragraphs),
                                  when + timedelta(days=30)))
        # a follow-up quoting a paragraph of the first piece, and extra siblings with the same bio
        quoted = write_piece(topic, 0, paragraphs=rng.randint(5, 9))[1]
        follow = write_piece(topic, 100, paragraphs=5)
        body = [follow[0], "As I wrote last month:", quoted, *follow[1:], bio]
        cases.append(Case(f"{topic}-follow-up", "follow_up", BLOGS[t % len(BLOGS)], f"{topic.title()}, revisited",
                          _with_blog(BLOGS[t % len(BLOGS)], body), day + timedelta(days=60 + t)))
        for k in range(2):
            short = write_piece(topic, 200 + k, paragraphs=3) + [bio]
            blog = BLOGS[(t + k) % len(BLOGS)]
            cases.append(Case(f"{topic}-short-{k}", "sibling", blog, f"{topic.title()} brief {k}",
                              _with_blog(blog, short), day + timedelta(days=70 + k)))
    return cases


def case_record(case: Case, index: int, run_id: str = "run-cases", version: int = 1) -> Commentary:
    url = f"https://{case.blog}.blogspot.com/{case.published:%Y/%m}/post-{index:04d}.html"
    return make_record(url, case.blog, case.title, case.body, case.published, run_id=run_id, version=version,
                       byline=[str(TOPICS[case.label.split("-")[0]]["author"])])


def make_record(url: str, source: str, title: str | None, body: str | None, published: datetime | None,
                run_id: str = "run-1", version: int = 1, byline: list[str] | None = None,
                fetched_at: datetime | None = None, language: str = "en",
                captions: list[dict] | None = None) -> Commentary:
    snapshot = PageSnapshot(url=url, final_url=url, html="", http_status=200,
                            fetched_at=fetched_at or datetime(2024, 1, 2, tzinfo=timezone.utc), source=source,
                            platform="blogger")
    extracted = {
        "title": title, "byline": byline or [], "poster": "Policy Reader",
        "published": published.isoformat() if published else None,
        "published_raw": published.isoformat() if published else None,
        "captions": captions or [], "body": body, "tags": [], "language": language,
        "field_sources": {"body": "test"}, "extractor_version": "test-1",
    }
    record = build_record(snapshot, extracted, run_id=run_id)
    record.version = version
    return record


def pair_scores(labels: dict[str, str], clusters: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of ``clusters`` (id -> cluster) against ``labels`` (id -> piece)."""
    ids = sorted(labels)
    true_pairs = predicted = both = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            same = labels[a] == labels[b]
            found = clusters[a] == clusters[b]
            true_pairs += same
            predicted += found
            both += same and found
    precision = both / predicted if predicted else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall


def write_archive(out, records: list[Commentary], run_id: str = "run-1") -> None:
    """Store ``records`` under ``out/records`` as a crawl run would."""
    from archiver.store import RecordStore

    RecordStore(out, run_id).write(records)


def labelled_archive(out) -> tuple[list[Case], list[Commentary]]:
    """The labelled set stored as an archive in ``out``."""
    cases = labelled_cases()
    records = [case_record(case, i) for i, case in enumerate(cases)]
    write_archive(out, records, "run-cases")
    return cases, records
