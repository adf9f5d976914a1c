"""The bundled demo blog, rendered in all three Blogger template generations, extracts as EXPECTED says."""

from __future__ import annotations

from datetime import datetime

import pytest

from archiver.demo import sample as S
from archiver.demo.site import TEMPLATES, render_post
from archiver.extraction import OUTPUT_FIELDS, extract

BASE_URL = "http://127.0.0.1:9"


def _same_moment(value: str | None, expected: datetime, template: str) -> bool:
    """A date with an offset must be the same instant; classic templates print no offset (local wall time)."""
    assert value is not None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed == expected.replace(tzinfo=None)
    return parsed == expected and parsed.utcoffset() == expected.utcoffset()


def _cases() -> list[tuple[str, str]]:
    return [(template, path) for template in TEMPLATES for path in S.EXPECTED]


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str], dict]:
    out = {}
    for template in TEMPLATES:
        site = S.sample_site(template)
        for path in S.EXPECTED:
            html = render_post(site, site.post_by_path(path), BASE_URL)
            out[(template, path)] = extract(BASE_URL + path, html)
    return out


@pytest.mark.parametrize(("template", "path"), _cases())
def test_expected_fields(records: dict, template: str, path: str) -> None:
    record = records[(template, path)]
    expected = S.EXPECTED[path]
    assert tuple(record) == OUTPUT_FIELDS
    assert record["platform"] == "blogger"
    for key, want in expected.items():
        if key == "labels":
            assert record["tags"] == want
        elif key in ("published", "original_published", "updated"):
            if key == "updated" and template != "theme":
                continue  # only 2017+ themes print a modification date (JSON-LD dateModified)
            assert _same_moment(record[key], want, template), (key, record[key], want)
        elif key == "first_sentence":
            assert record["body"].startswith(want), record["body"][:200]
        elif key == "last_sentence":
            assert record["body"].endswith(want), record["body"][-200:]
        elif key == "captions":
            got = [{"text": c["text"], "credit": c["credit"]} for c in record["captions"]]
            assert got == [{"text": w["text"], "credit": w["credit"]} for w in want]
            for caption, wanted in zip(record["captions"], want):
                if "image_url" in wanted:
                    assert caption["image_url"] == wanted["image_url"]
        else:
            assert record[key] == want, (key, record[key], want)


@pytest.mark.parametrize("template", TEMPLATES)
def test_seed_repost_body_has_no_furniture(records: dict, template: str) -> None:
    record = records[(template, S.SEED_PATH)]
    body = record["body"]
    for line in (S.SEED_BYLINE_RAW, S.SEED_DATELINE, S.SEED_CAPTION_TEXT, "No comments", "Post a Comment", S.POSTER):
        assert line not in body
    assert "\n\n" in body  # paragraphs kept
    assert record["field_sources"]["byline"].startswith("body:")
    assert record["field_sources"]["original_published"] == "body:dateline"
    for field in ("byline", "published", "captions", "body", "title", "poster"):
        assert field in record["field_sources"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_sample_post_has_a_body_without_comments(records: dict, template: str) -> None:
    for path in S.EXPECTED:
        body = records[(template, path)]["body"]
        assert body and "Post a Comment" not in body and "said..." not in body
