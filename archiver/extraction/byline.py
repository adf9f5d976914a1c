"""Bylines: find the line that names a piece's author and turn it into a list of person names."""

from __future__ import annotations

import re
import unicodedata

# "Opinion by", "Guest editorial by", "Von", "Par"...: the words that introduce a byline.
_BYLINE_LEAD = re.compile(
    r"^\s*(?:(?:an?\s+)?(?:opinion|op-ed|oped|commentary|analysis|column|editorial|essay|guest\s+"
    r"(?:editorial|column|post|essay|commentary|opinion)|story|article|text|words|report(?:ed)?|"
    r"written|posted|compiled|edited)\s+)?"
    r"(?:by|von|par|por|di|da|door|av|af|przez|od|de)\s*[:\-–—]?\s+(?P<names>.+?)\s*$",
    re.I,
)
# Byline labels followed by a colon: "Author: X", "Autor: X", "Auteur : X".
_LABELLED = re.compile(
    r"^\s*(?:author|authors|autor|autorin|auteur|autore|written\s+by|text|texte|tekst)\s*:\s*(?P<names>.+?)\s*$",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\boch\b|\bog\b|\bi\b)\s*", re.I)
# Words that make a name part an organisation, a role or a placeholder rather than a person.
_NOT_PERSON_WORDS = {
    "admin", "administrator", "anonymous", "unknown", "guest", "editor", "editors", "staff", "team",
    "desk", "newsroom", "reporter", "reporters", "correspondent", "columnist", "contributor",
    "contributors", "writer", "writers", "author", "board", "editorial", "press", "news", "post",
    "times", "journal", "magazine", "agency", "associated", "reuters", "afp", "ap", "bloomberg",
    "media", "network", "institute", "university", "foundation", "center", "centre", "group",
    "google", "blogger", "wordpress", "substack", "user", "webmaster", "redaktion", "rédaction",
    "redazione", "redacción", "daily", "weekly", "tribune", "herald", "gazette", "review",
    "online", "com", "blog", "service", "office", "department", "ministry", "council", "opinion",
    "photo", "photos", "image", "images", "via", "source", "sources", "updated", "published",
}
_PARTICLES = {
    "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "la", "le",
    "du", "bin", "ibn", "al", "el", "ben", "y", "e", "st.", "mc", "mac", "zu", "ter", "ten",
}
_MAX_NAME_WORDS = 5


def parse_byline_line(line: str) -> list[str] | None:
    """Names from a line that is a byline ("Opinion by Josh Rogin"); None when it is not one."""
    text = " ".join(line.split())
    if len(text) > 160:
        return None
    match = _BYLINE_LEAD.match(text) or _LABELLED.match(text)
    if not match:
        return None
    names = split_names(match.group("names"))
    return names or None


def split_names(text: str, strict: bool = True) -> list[str]:
    """Split a byline's names ("A and B", "A, B & C"), dropping roles, affiliations and placeholders.

    ``strict`` asks for at least two words a name, as free text in a body needs;
    structured markup (an author field) may hold a one-word name.
    """
    text = re.sub(r"\s*[|•·]\s*.*$", "", text)  # "NAME | January 7": what follows a bar is not a name
    text = re.sub(r"\(.*?\)", "", text)
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = clean_name(part)
        if name and is_person_name(name, strict=strict) and name not in names:
            names.append(name)
    return names


def clean_name(text: str) -> str:
    """Trim punctuation, a leading "By" and stray whitespace from one name."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"^\s*(?:by|von|par|por|di)\s+", "", text, flags=re.I)
    return " ".join(text.strip(" \t\n.,;:-–—'\"“”‘’").split())


def is_person_name(name: str, strict: bool = True) -> bool:
    """True for text shaped like a person's name: capitalised words, no digits, no org or role words."""
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or (strict and len(words) < 2):
        return False
    if any(ch.isdigit() or ch in "@/#:=" for ch in name):
        return False
    if any(word.lower().strip(".,") in _NOT_PERSON_WORDS for word in words):
        return False
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        first = word.lstrip("\"'“(")[:1]
        if not first or not (first.isupper() or not first.isalpha() and first.isalnum()):
            if first.isalpha() and first.islower():
                return False
    return True
