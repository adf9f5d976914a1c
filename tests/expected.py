"""Answer keys: what extraction should return for each post of the sample sites, by post path.

``EXPECTED`` is for the Blogger sample blog (``archiver.demo.sample``); ``EXPECTED_WORDPRESS``,
``EXPECTED_SUBSTACK`` and ``EXPECTED_GENERIC`` for the other platforms' samples (``blogsim.platform_samples``).
A record names only the fields a test checks (None = field absent):

- ``title``, ``byline`` (list of names: the original author of a repost, the co-authors of a joint piece),
  ``poster`` (the platform account that published it, where the platform has one; None for generic sites),
- ``published`` (aware datetime of the platform's post), and for a repost ``original_published`` and
  ``original_published_raw`` (the dateline),
- ``captions`` (body captions: ``text`` without the credit, ``credit`` without "Photo:" and parentheses),
- ``first_sentence`` and ``last_sentence`` of the readable body (for a paywalled post: the last visible one),
- ``paywalled``, ``tags``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from archiver.demo.sample import (
    BY_BYLINE, BY_BYLINE_RAW, BY_PATH, GALLERY_CAPTIONS, GALLERY_PATH, NON_ASCII_LABEL, NON_ASCII_PATH, PLAIN_PATH,
    POSTER, SEED_BYLINE, SEED_BYLINE_RAW, SEED_CAPTION_CREDIT, SEED_CAPTION_TEXT, SEED_DATELINE, SEED_FIRST_SENTENCE,
    SEED_IMAGE, SEED_LABELS, SEED_LAST_SENTENCE, SEED_ORIGINAL_PUBLISHED, SEED_PATH, SEED_PUBLISHED, SEED_TITLE,
    TAIPEI, UNTITLED_PATH,
)
from blogsim.platform_samples import (
    GEN_PLAN, HOUSING, HOUSING_VISIBLE_BLOCKS, JOINT, REPOST, REPOST_BYLINE_RAW, REPOST_DATELINE,
    REPOST_ORIGINAL_PUBLISHED, SS_AUTHOR, SS_PLAN, VILLAGES, VILLAGES_FEATURED, WATER, WP_PLAN, WP_POSTER, WP_STAFF,
    Article, captions_of, sentences, wp_path,
)


def _at(text: str) -> datetime:
    """A time on the sample blog's clock (Taipei)."""
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


# ---------------------------------------------------------------------------------------------------
# Blogger: the sample blog of ``archiver demo``

EXPECTED: dict[str, dict[str, object]] = {
    SEED_PATH: {
        "title": SEED_TITLE, "poster": POSTER, "byline": [SEED_BYLINE], "byline_raw": SEED_BYLINE_RAW,
        "published": SEED_PUBLISHED, "original_published": SEED_ORIGINAL_PUBLISHED,
        "original_published_raw": SEED_DATELINE, "labels": SEED_LABELS,
        "captions": [{"text": SEED_CAPTION_TEXT, "credit": SEED_CAPTION_CREDIT, "image_url": SEED_IMAGE}],
        "first_sentence": SEED_FIRST_SENTENCE, "last_sentence": SEED_LAST_SENTENCE,
    },
    GALLERY_PATH: {
        "title": "A morning at the old grain exchange", "poster": POSTER, "byline": [POSTER],
        "published": _at("2023-02-18T15:20:00"),
        # A credit's "Photo:" label is not part of the credit.
        "captions": [{"text": t, "credit": c and c.removeprefix("Photo: ")} for t, c in GALLERY_CAPTIONS],
    },
    UNTITLED_PATH: {"title": None, "poster": POSTER, "byline": [POSTER], "published": _at("2023-02-06T21:05:00")},
    PLAIN_PATH: {
        "title": "Why inflation targets drift", "poster": POSTER, "byline": [POSTER], "byline_raw": None,
        "published": _at("2023-01-15T11:30:00"), "updated": _at("2023-02-01T08:12:00"),
        "first_sentence": "Central banks like to describe their inflation targets as anchors.",
        "last_sentence": "I will come back to this when the spring forecasts are published.",
    },
    BY_PATH: {
        "title": "The quiet virtue of boring budgets", "poster": POSTER, "byline": [BY_BYLINE],
        "byline_raw": BY_BYLINE_RAW, "published": _at("2022-12-09T08:00:00"),
        "first_sentence": "Finance ministers rarely win applause for a budget that changes nothing.",
        "last_sentence": "It is a virtue all the same.",
    },
    NON_ASCII_PATH: {
        "title": "Notes from a conference in Lyon", "poster": POSTER,
        "labels": [NON_ASCII_LABEL, "Europe", "industrial policy"], "published": _at("2022-11-21T19:45:00"),
    },
}


# ---------------------------------------------------------------------------------------------------
# WordPress, Substack and generic sites: one corpus of articles in each platform's markup


def _credit(credit: str | None) -> str | None:
    return credit.removeprefix("Photo: ") if credit else None


def _expected(article: Article, *, published: datetime, poster: str | None, captions: list[tuple[str, str | None]],
              paywalled: bool = False, last_sentence: str | None = None, **extra: object) -> dict[str, object]:
    record: dict[str, object] = {
        "title": article.title, "byline": list(article.authors), "poster": poster, "published": published,
        "captions": [{"text": t, "credit": _credit(c)} for t, c in captions],
        "first_sentence": article.first_sentence, "last_sentence": last_sentence or article.last_sentence,
        "paywalled": paywalled, "tags": list(article.tags),
    }
    if article is REPOST:
        record.update(byline_raw=REPOST_BYLINE_RAW, original_published=REPOST_ORIGINAL_PUBLISHED,
                      original_published_raw=REPOST_DATELINE)
    record.update(extra)
    return record


EXPECTED_WORDPRESS: dict[str, dict[str, object]] = {
    wp_path(plan): _expected(
        plan.article, published=plan.date, poster=WP_STAFF if plan.article is JOINT else WP_POSTER,
        captions=captions_of(plan.article), id=plan.post_id, slug=plan.slug, categories=list(plan.categories),
        **({"updated": plan.modified} if plan.modified else {}),
        **({"featured_caption": {"text": VILLAGES_FEATURED[0], "credit": _credit(VILLAGES_FEATURED[1])}}
           if plan.article is VILLAGES else {}),
    )
    for plan in WP_PLAN
}

EXPECTED_SUBSTACK: dict[str, dict[str, object]] = {
    # Substack shows no separate poster: "poster" is the first published byline (the repost's is the owner).
    f"/p/{slug}": _expected(
        article, published=date, poster=list(article.authors)[0] if article is JOINT else SS_AUTHOR.name,
        captions=captions_of(article), id=post_id, slug=slug, subtitle=article.subtitle, paywalled=article is HOUSING,
        last_sentence=sentences(article.paragraphs[HOUSING_VISIBLE_BLOCKS - 1])[-1] if article is HOUSING else None,
        published_bylines=list(article.authors) if article is JOINT else [SS_AUTHOR.name],
    )
    for article, post_id, slug, date in SS_PLAN
}

EXPECTED_GENERIC: dict[str, dict[str, object]] = {
    path: _expected(
        article, published=date, poster=None, captions=captions_of(article), byline_text=byline or None,
        **({"updated": date + timedelta(hours=3)} if article is WATER else {}),
    )
    for article, path, date, byline in GEN_PLAN
}
