"""Repost attribution: the outlet where a reposted piece first ran (``original_source``), its address there
(``original_url``) and, when the post says so, the day it ran there (``original_published``).

The evidence, in the order its rules offer values (the first offer wins, see ``FieldSet``):

- ``text:repost-lead`` / ``text:repost-trailer``: a line at the start or the end of the post's text that is
  an attribution statement and nothing else ("This article first appeared in the Financial Review on
  January 3, 2022.", "Originally published by X", "Reprinted with permission of X", "Source: X", "Via X",
  "Dieser Artikel erschien zuerst in X", "Cet article a été publié dans X", "Publicado originalmente en X").
  The outlet is the name as printed, without a lowercase leading article ("the Financial Review" is
  "Financial Review", "The Washington Post" stays), trailing dates, issue numbers and filler words. A link
  in the line to an article on another site is ``original_url``. The line leaves the body.
- ``jsonld:isBasedOn``: the article's ``isBasedOn`` on another site (a URL, an article with its publisher,
  or an organisation), named, when the object does not name it, by the article's ``sourceOrganization``
  (``jsonld:sourceOrganization``): alone, that property names sections and picture agencies as often as
  outlets, so it only names an original some other rule found.
- ``link:canonical-elsewhere``: ``rel=canonical`` or ``og:url`` naming an article on another site (neither
  naming the page's own), named by ``og:site_name`` only when that name is the other site's (it spells its
  host or the host's initials): a blog that copies the original's tags copies its site name too, but a blog
  that sets its own site name beside a foreign canonical must not give its own name.

Be conservative: a wrong attribution is worse than none. Prose that mentions a newspaper, a "Source:" in a
paragraph, a statement naming the site itself ("The post X appeared first on <this blog>") attribute nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.body import TextLines, is_furniture
from archiver.extraction.byline import is_site_name, squash
from archiver.extraction.dates import MONTH_NUMBERS, parse_iso, shown_days
from archiver.extraction.fields import FieldSet
from archiver.extraction.metadata import ARTICLE_TYPES, SITE_TYPES, meta_tags, read_jsonld

# trafilatura's URL helper, with the public suffix list: "afr" for www.afr.com, "bbc" for bbc.co.uk
from courlan.urlutils import get_tldinfo

_MAX_LINE = 300  # characters: an attribution statement is short; a longer line is prose
_MAX_OUTLET_WORDS = 8
_MAX_OUTLET_CHARS = 80
_TRAILER_REACH = 3  # the last lines of the text a trailer may sit in
_LEAD_REACH = 6  # the first lines (title, kicker, byline, dateline, then the statement)
_LEAD_LINE_BEFORE = 200  # characters: lines above a lead statement are headings and bylines, not prose
_TRAILER_SKIP = 200  # characters: at most one such short line (the writer's bio) below a trailer
_TRAILER_LOOK = 12  # lines from the end, furniture included
_EDGE_CHARS = 1500  # characters of the post's element at either end where ``link_statements`` looks

# --------------------------------------------------------------------------------------------------
# The statements

_PIECE = (
    r"(?:article|piece|post|blog post|column|op-?ed|opinion piece|essay|story|commentary|editorial|interview|"
    r"analysis|text|report|review|letter|guest post|guest column|feature)"
)
# "posted" only with "first" or "originally": "This post was posted in <a category>" is a theme's footer.
_EN_VERB = (
    r"(?:(?:was|is|has been|had been)\s+)?(?:(?:(?:first|originally|previously|initially|also)\s+)?"
    r"(?:appeared|appears|published|ran|run|printed|republished|reprinted|reposted|cross-?posted|reproduced|"
    r"syndicated)|(?:first|originally)\s+posted|posted\s+(?:first|originally))(?:\s+(?:first|originally))?"
)
# "on January 3, 2022 " between the verb and the outlet: a short run of words ending in a year.
_PRE_DATE = r"(?:(?:on|am|le|el|the)\s+(?P<pre_date>[^;:]{1,30}?\d{4}),?\s+)?"
_PERMISSION = r"(?:(?:here\s+)?(?:with|by)\s+(?:the\s+)?(?:kind\s+)?permission\s+)?"
_DE_PIECE = (
    r"(?:artikel|beitrag|text|kommentar|gastbeitrag|gastkommentar|essay|interview|meinungsbeitrag|kolumne|"
    r"bericht|blogbeitrag)"
)
_FR_PIECE = r"(?:article|tribune|texte|chronique|entretien|billet|analyse|éditorial|editorial|papier)"
_ES_PIECE = r"(?:artículo|articulo|columna|texto|nota|entrevista|análisis|analisis|editorial|publicación)"

# Each pattern matches the start of a whole statement; ``rest`` is the outlet and what follows it.
_STATEMENTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), kind) for pattern, kind in (
        # English: "This article first appeared in X", "A version of this piece ran in X", "This article is
        # republished from X under a Creative Commons license", "This op-ed was published by X".
        (rf"^(?:a\s+(?:version|shorter version|longer version|slightly different version)\s+of\s+)?"
         rf"(?:this|the\s+above|the\s+following)\s+{_PIECE}\s+{_EN_VERB}\s+{_PERMISSION}{_PRE_DATE}"
         r"(?:in|on|at|by|from)\s+(?P<rest>.+)$", "statement"),
        # "Originally published in X", "First appeared on X", "Article originally published by X".
        (rf"^(?:{_PIECE}\s+)?(?:originally|first)\s+(?:published|appeared|posted|printed|ran|run)\s+{_PRE_DATE}"
         r"(?:in|on|at|by)\s+(?P<rest>.+)$", "statement"),
        (rf"^(?:published|appeared|posted)\s+(?:originally|first)\s+{_PRE_DATE}(?:in|on|at|by)\s+(?P<rest>.+)$",
         "statement"),
        # "Reprinted from X", "Reprinted with permission of X", "Republished with permission from X".
        (r"^(?:reprinted|republished|reposted|re-posted|cross-?posted|reproduced|syndicated)\s+"
         r"(?:here\s+)?(?:with\s+(?:the\s+)?(?:kind\s+)?permission\s+|by\s+(?:kind\s+)?permission\s+)?"
         r"(?:from|of|by)\s+(?P<rest>.+)$", "statement"),
        # WordPress's feed footer, which autoblogs repost with the piece: "The post <title> appeared first on X."
        (r"^the post\s+.{1,200}?\s+appeared first on\s+(?P<rest>.+)$", "statement"),
        (r"^der beitrag\s+.{1,200}?\s+erschien zuerst (?:auf|bei|in|im)\s+(?P<rest>.+)$", "statement"),
        (r"^l[’']article\s+.{1,200}?\s+est apparu en premier sur\s+(?P<rest>.+)$", "statement"),
        (r"^(?:la entrada|el post|la publicación)\s+.{1,200}?\s+(?:se publicó primero|aparece primero|"
         r"apareció primero)\s+en\s+(?P<rest>.+)$", "statement"),
        # German: "Dieser Artikel erschien zuerst in X", "Der Text ist zuerst am 3. Januar 2022 bei X erschienen",
        # "Zuerst erschienen in X", "Erstveröffentlichung in X".
        (rf"^(?:dieser|dieses|der|das|die(?:se)?)\s+{_DE_PIECE}\s+(?:ist\s+|wurde\s+)?(?:erschien\s+|erscheint\s+)?"
         r"(?:(?:zuerst|ursprünglich|erstmals|bereits|auch|original)\s+)*(?:erschienen\s+|veröffentlicht\s+)?"
         rf"{_PRE_DATE}(?:in|im|bei|beim|auf)\s+(?P<rest>.+)$", "statement"),
        (r"^(?:zuerst|ursprünglich|erstmals)\s+(?:erschienen|veröffentlicht)\s+" + _PRE_DATE
         + r"(?:in|im|bei|beim|auf)\s+(?P<rest>.+)$", "statement"),
        (r"^erstveröffentlichung\s+(?:in|im|bei|beim|auf)\s+(?P<rest>.+)$", "statement"),
        # French: "Cet article a été publié dans X", "Cette tribune est parue dans X", "Publié initialement par X".
        (rf"^(?:cet|cette|l[’']|le|la)\s*{_FR_PIECE}\s+(?:a\s+(?:d[’']abord\s+|initialement\s+|originellement\s+)?"
         r"été\s+(?:d[’']abord\s+|initialement\s+|originellement\s+)?publiée?|est\s+(?:d[’']abord\s+|initialement\s+)?"
         r"parue?|a\s+(?:d[’']abord\s+|initialement\s+)?paru)\s+(?:(?:initialement|d[’']abord|originellement|"
         rf"pour la première fois)\s+)?{_PRE_DATE}(?:dans|sur|par|chez)\s+(?P<rest>.+)$", "statement"),
        (r"^(?:(?:article|texte|tribune)\s+)?(?:publiée?\s+(?:initialement|originellement|d[’']abord)|"
         r"(?:initialement|originellement|d[’']abord)\s+publiée?)\s+" + _PRE_DATE
         + r"(?:dans|sur|par|chez)\s+(?P<rest>.+)$", "statement"),
        # Spanish: "Publicado originalmente en X", "Este artículo fue publicado originalmente en X".
        (r"^(?:publicad[oa]|aparecid[oa])\s+(?:originalmente|originariamente|inicialmente|por primera vez|"
         r"primero)\s+" + _PRE_DATE + r"(?:en|por)\s+(?P<rest>.+)$", "statement"),
        (rf"^(?:este|esta|el|la)\s+{_ES_PIECE}\s+(?:fue\s+|ha sido\s+)?(?:publicad[oa]|apareció)\s+"
         r"(?:(?:originalmente|originariamente|primero|inicialmente|por primera vez)\s+)?" + _PRE_DATE
         + r"(?:en|por)\s+(?P<rest>.+)$", "statement"),
        # A label: "Source: X", "Quelle: X", "Source : X", "Fuente: X", "Via X", "Via: X".
        (r"^(?:source|quelle|fuente|fonte)\s*:\s*(?P<rest>.+)$", "label"),
        (r"^via\s*:?\s+(?P<rest>.+)$", "label"),
    )
)
# A cheap test before the patterns: one of these words opens, or sits in, every statement.
_HINTS = re.compile(
    r"publi|appear|ran\b|run\b|print|post|reproduc|syndicat|source|quelle|fuente|fonte|via\b|erschien|"
    r"veröffentlicht|erstveröffentlichung|paru|apareci|apparu",
    re.I,
)

_MONTH_WORDS = "|".join(sorted((re.escape(w) for w in MONTH_NUMBERS if len(w) >= 3), key=len, reverse=True))
# Where a date may start after the outlet: "X on January 3, 2022", "X, 3 January 2022", "X am 3. Januar 2022".
_DATE_START = re.compile(
    r"(?:,\s*|\s+\(|\s+(?:on|am|le|el|du|del|vom|in|im|en|dans|the)\s+|\s+)(?=(?:\d|(?:" + _MONTH_WORDS + r")\b))",
    re.I,
)
# An issue after the outlet: "EMOTION 10/22", "Die Zeit Nr. 5/2022", "issue 12".
_ISSUE = re.compile(r"^(?:(?:nr|no|n°|ausgabe|heft|issue|edition|vol)\.?\s*)?\d{1,4}(?:\s*[/.-]\s*\d{1,4})+\W*$|"
                    r"^(?:nr|no|n°|ausgabe|heft|issue|vol)\.?\s*\d{1,4}\W*$", re.I)
_MONTH_YEAR = re.compile(r"^(?:(?:" + _MONTH_WORDS + r")\.?\s+)?\d{4}\W*$", re.I)
# A day without its year: "May 5", "5. Mai", "3 de enero". No day for it (the year is a guess), but the
# outlet's name ends before it.
_YEARLESS_DAY = re.compile(
    r"^(?:(?:" + _MONTH_WORDS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+|of\s+)?(?:"
    + _MONTH_WORDS + r"))\W*$",
    re.I,
)
# Where the outlet's name ends: a comma, a clause ("and is republished here", "under a Creative Commons
# license", "with permission"), a dash, a bracket.
_CLAUSE = re.compile(
    r"\s*[,;:(\[]|\s+[-–—|]\s+|\s+(?:and|und|et|y|in|im|on|at|as|under|unter|sous|bajo|with|mit|avec|con|"
    r"where|which|who|for|für|pour|para|dans|sur|en|am|par|por|by|from|here|hier|ici|aquí)\s+(?=[^\W\d_A-ZÄÖÜÉÈÀÁÍÓÚÑ])"
)
_LEADING_ARTICLE = re.compile(r"^(?:the|der|die|das|dem|den|des|le|la|les|l[’']|el|los|las)\s*(?<=\s|’|')(?=\S)")
_EDITION_OF = re.compile(
    r"^(?:the\s+)?(?:[\w.,]+\s+){0,4}?(?:edition|issue|pages|print edition|website|site)\s+of\s+|"
    r"^(?:der\s+)?(?:print-?ausgabe|gedruckten ausgabe|ausgabe(?:\s+[\d/.]+)?|online-?ausgabe)\s+(?:der|des|von)\s+|"
    r"^(?:l[’'])?(?:édition|edition)\s+(?:du|de\s+la|des|de)\s+|^(?:la\s+)?(?:edición)\s+(?:de|del)\s+",
    re.I,
)
_TRAILING_FILLER = re.compile(
    r"\s+(?:newspaper|magazine|website|web site|site|blog|online|daily|weekly|journal|erschienen|veröffentlicht|"
    r"publiziert)$"
)
_QUOTES = "\"'“”„‟«»‹›*_‘’"
# Words a name may print in lowercase: "Review of Books", "Frankfurter Allgemeine", "Le Monde diplomatique".
_NAME_CONNECTIVES = {
    "of", "the", "and", "for", "on", "in", "at", "a", "an", "de", "del", "des", "du", "la", "le", "les", "el", "los",
    "las", "y", "et", "der", "die", "das", "für", "und", "am", "zur", "zum", "di", "da", "do", "dos", "van",
    "von", "zu", "diplomatique",
}
# Names of the places a piece is shared or a picture is taken from: none is where a piece first ran.
_NOT_OUTLETS = {
    "twitter", "x", "facebook", "instagram", "youtube", "tiktok", "linkedin", "whatsapp", "telegram", "reddit",
    "email", "e-mail", "mail", "internet", "web", "the web", "google", "google news", "own", "author", "the author",
    "autor", "autorin", "eigene", "eigen", "unknown", "unbekannt", "agencies", "agenturen", "agences", "agencias",
    "archive", "archiv", "archivo", "pixabay", "unsplash", "pexels", "shutterstock", "getty", "getty images",
    "istock", "istockphoto", "adobe stock", "depositphotos", "wikimedia", "wikimedia commons", "flickr",
    "screenshot", "private", "privat", "press release", "pressemitteilung", "here", "this link", "link",
    # "first published in German", "originally published on Monday"
    "english", "german", "french", "spanish", "chinese", "japanese", "russian", "arabic", "italian", "portuguese",
    "dutch", "polish", "korean", "turkish", "deutsch", "englisch", "französisch", "spanisch", "anglais", "allemand",
    "français", "espagnol", "inglés", "alemán", "francés", "español", "print", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "today", "yesterday", "heute", "gestern",
}
# An issue or a volume where the outlet should be: "first appeared in Issue 12".
_ISSUE_WORD = re.compile(r"^(?:issue|vol|volume|nr|no|heft|ausgabe|edition|número|numéro)\b", re.I)
# A label line ("Source: X", "Via X") names one outlet: "Reuters/AP", "BLS; Census" name several, or a chart's data.
_SEVERAL = re.compile(r"[/;&+]|\s(?:and|und|et|y)\s", re.I)


@dataclass
class Statement:
    """An attribution statement found in a post's text: what it says and where it stands."""

    line: str  #: the line as printed
    source: str | None = None  #: the outlet's name as printed
    url: str | None = None  #: the original's address, from a link in the line
    day: date | None = None  #: the day the line says the original ran
    day_raw: str | None = None  #: that day as printed
    where: str = "trailer"  #: "lead" or "trailer"
    label: bool = False  #: a label line ("Source: X", "Via X"): a trailer only, as a lead it credits a picture


def parse_statement(line: str) -> Statement | None:
    """The attribution a line states, or None when the line is not an attribution statement.

    A statement names an outlet that reads as a name, or prints the original's address; whether the
    outlet is the site itself and which link the line holds is for the caller to see.
    """
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE or not _HINTS.search(text):
        return None
    bare = text.strip(" \t*•·–—-([“\"'»>").rstrip(" )]”\"'")
    for pattern, kind in _STATEMENTS:
        match = pattern.match(bare)
        if not match:
            continue
        rest = match.group("rest")
        label = kind == "label"
        if label and (not rest[:1].isupper() or _SEVERAL.search(_without_date(rest)[0])):
            return None  # "Source: own research", "Quelle: dpa/AFP": no one outlet
        statement = Statement(line=text, label=label)
        pre_date = match.groupdict().get("pre_date")
        if pre_date:
            statement.day, statement.day_raw = _day(pre_date)
        url = _address(rest)
        if url:
            statement.url = url
            return statement
        outlet, day, day_raw = _outlet(rest, whole=label)
        if statement.day is None:
            statement.day, statement.day_raw = day, day_raw
        statement.source = outlet
        return statement if outlet else None
    return None


_ADDRESS = re.compile(r"^\W*(https?://\S+|www\.\S+)")


def _address(rest: str) -> str | None:
    """An address printed as the outlet: "Source: https://www.example.com/2022/01/piece"."""
    match = _ADDRESS.match(rest)
    if not match:
        return None
    url = match.group(1).rstrip(".,;:)]”\"'")
    return url if url.startswith("http") else "https://" + url


def _outlet(rest: str, whole: bool = False) -> tuple[str | None, date | None, str | None]:
    """The outlet's name at the start of ``rest`` (what follows the statement's verb), and the day after it.

    ``whole``: the name is all there is besides a date (a label's "Source: X"), no clause may follow it.
    """
    rest = rest.strip().rstrip(" .;:!)]”\"'")
    for _ in range(2):
        rest = _EDITION_OF.sub("", rest)
    name, day, day_raw = _without_date(rest)
    quoted = _QUOTED.search(name)
    if quoted and not _CLAUSE.search(name[: quoted.start()]):
        name = quoted.group(1)  # "der Wochenzeitung „der Freitag“": the name is in the quotes
    else:
        quoted = None
    cut = _CLAUSE.search(name)
    if cut and cut.start() > 0:
        if whole:
            return None, None, None
        name = name[: cut.start()]
    end = _sentence_end(name)
    if end is not None:
        if whole:
            return None, None, None
        name = name[:end]
    name = name.strip().rstrip(" .;:!").strip(_QUOTES + " ")
    name = _TRAILING_FILLER.sub("", name)
    name = _LEADING_ARTICLE.sub("", name).strip(_QUOTES + " ")
    name = _EDITION_OF.sub("", name)
    return (name if _is_name(name, quoted=quoted is not None) else None), day, day_raw


_QUOTED = re.compile(r"[„“\"«‚‘]([^„“”\"«»]{2,60})[“”\"»‘’]")
# Words a name may end in with a period that ends no sentence: "Wall St. Journal", "Inc. Magazine".
_ABBREVIATIONS = {"st", "inc", "co", "corp", "ltd", "jr", "sr", "mr", "mrs", "ms", "dr", "no", "nr", "vol", "bros",
                  "int", "intl", "ed", "dt"}


def _sentence_end(name: str) -> int | None:
    """Where a sentence ends in the text after the outlet's name: "the Guardian. Reprinted with permission"."""
    for match in re.finditer(r"[.!?]\s+", name):
        if match.group(0)[0] in "!?":
            return match.start()
        token = name[: match.start()].rsplit(None, 1)[-1] if name[: match.start()].strip() else ""
        if token.casefold() in _ABBREVIATIONS or len(token) == 1 or "." in token:
            continue  # an abbreviation, an initial, "U.S", "F.A.Z"
        return match.start()
    return None


def _without_date(rest: str) -> tuple[str, date | None, str | None]:
    """``rest`` without a date or an issue number after the outlet's name, and the day the date gives."""
    for match in _DATE_START.finditer(rest):
        if match.start() == 0:
            continue
        tail = rest[match.end():].strip()
        head = rest[: match.start()]
        day, raw = _day(tail)
        if day is not None:
            return head, day, raw
        if _ISSUE.match(tail) or _MONTH_YEAR.match(tail) or _YEARLESS_DAY.match(tail):
            return head, None, None
    return rest, None, None


def _day(text: str) -> tuple[date | None, str | None]:
    """The one calendar day a short text gives with its year ("January 3, 2022", "3. Januar 2022")."""
    text = text.strip().rstrip(" .;:)]")
    if len(text) > 40 or not re.search(r"\d{4}", text):
        return None, None
    days = shown_days(text)
    return (days[0], text) if len(days) == 1 else (None, None)


def _is_name(name: str, quoted: bool = False) -> bool:
    """Whether text reads as an outlet's name: a few words, opening with a capital or a digit, any word in
    lowercase one that names print so ("of", "the", "diplomatique"). A name printed in quotes may be a
    word that is otherwise none ("„der Freitag“")."""
    words = name.split()
    if not words or len(words) > _MAX_OUTLET_WORDS or len(name) > _MAX_OUTLET_CHARS:
        return False
    if not (name[0].isupper() or name[0].isdigit()) or sum(ch.isalpha() for ch in name) < 2:
        return False
    if any(ch in name for ch in "?!:;@#<>{}[]=") or not quoted and name.casefold() in _NOT_OUTLETS:
        return False
    if _ISSUE_WORD.match(name) or _YEARLESS_DAY.match(name) or _MONTH_YEAR.match(name) or _day(name)[0] is not None:
        return False  # a date where the outlet should be
    for word in words[1:]:
        first = word.lstrip(_QUOTES + "(")[:1]
        if first.islower() and word.strip(_QUOTES + "().,").casefold() not in _NAME_CONNECTIVES:
            return False
    return True


# --------------------------------------------------------------------------------------------------
# The lines of the post that state it


def take_statements(lines: list[str], scope: HtmlElement | None, url: str | None,
                    site_names: set[str]) -> tuple[list[str], list[Statement]]:
    """The attribution statements at the start and at the end of the post's text lines, and the lines without
    them (a list of the same type, with the same attributes: ``TextLines`` keeps its intros).

    ``scope`` is the element the lines come from (the post's, else the page): the links of a statement's line
    are read there. A statement that names the site itself leaves the body too, but attributes nothing.
    """
    found = _trailer(lines)
    for index in range(min(_LEAD_REACH, len(lines) - 1)):
        statement = None if index in found else parse_statement(lines[index])
        if statement is not None and not statement.label:
            statement.where = "lead"
            found[index] = statement
        elif len(lines[index]) > _LEAD_LINE_BEFORE:
            break
    if not found:
        return lines, []
    own = _own_url(scope, url)
    site_names = _own_names(scope, url, site_names)
    dom_lines = _dom_lines(scope) if scope is not None else []
    statements = []
    # Trailers first, the last line first: the statement under the piece is the one about it.
    for index in sorted(found, key=lambda i: (found[i].where != "trailer", -i if found[i].where == "trailer" else i)):
        statement = found[index]
        at = _line_index(statement, dom_lines)
        if statement.label and at is not None and _credits_a_picture(at, dom_lines):
            del found[index]  # "Source: IMF" under a chart: the picture's credit, for the body's rules
            continue
        _add_link(statement, dom_lines[at] if at is not None else None, own)
        if not _names_site(statement, own, site_names) and (statement.source or statement.url):
            statements.append(statement)
    kept = type(lines)(line for index, line in enumerate(lines) if index not in found)
    if isinstance(lines, TextLines) and isinstance(kept, TextLines):
        kept.intros = lines.intros
    return kept, statements


def _trailer(lines: list[str]) -> dict[int, Statement]:
    """The statements among the last lines, by index: furniture below the text (labels, share prompts) does
    not count, one short line (the writer's bio under the statement) may stand below them."""
    found: dict[int, Statement] = {}
    seen = skipped = 0
    for index in range(len(lines) - 1, max(len(lines) - 1 - _TRAILER_LOOK, 0), -1):
        line = lines[index]
        statement = parse_statement(line)
        if statement is not None:
            found[index] = statement
        elif is_furniture(line):
            continue
        elif len(line) <= _TRAILER_SKIP and not skipped:
            skipped = 1
        else:
            break
        seen += 1
        if seen >= _TRAILER_REACH:
            break
    return found


def link_statements(scope: HtmlElement | None, lines: list[str], url: str | None,
                    site_names: set[str]) -> list[Statement]:
    """Statements the text lines lost: a line that is nothing but a label and a link ("Source: <a>The
    Washington Post</a>") is a pointer to the body's rules, which leave it out. Read from the post's own
    element only (a page's sidebars hold such lines too), among its first and last lines."""
    if scope is None:
        return []
    text = scope.text_content()
    if not (_HINTS.search(text[:_EDGE_CHARS]) or _HINTS.search(text[-_EDGE_CHARS:])):
        return []  # no statement's word near either end: spare the walk over the element
    dom_lines = _dom_lines(scope)
    texts = [index for index, line in enumerate(dom_lines) if line.text]
    kept: set[str] | None = None  # the text lines, squashed: made only when a line is a statement
    own = _own_url(scope, url)
    names = None
    statements = []
    for position, index in enumerate(texts):
        where = "trailer" if position >= len(texts) - 2 else "lead" if position < 3 else None
        if where is None:
            continue
        statement = parse_statement(dom_lines[index].text)
        if statement is None or statement.label and (where == "lead" or _credits_a_picture(index, dom_lines)):
            continue
        kept = {squash(line) for line in lines if len(line) <= _MAX_LINE} if kept is None else kept
        if squash(dom_lines[index].text) in kept:
            continue  # the text lines have it: ``take_statements`` read it
        statement.where = where
        _add_link(statement, dom_lines[index], own)
        names = _own_names(scope, url, site_names) if names is None else names
        if not _names_site(statement, own, names) and (statement.source or statement.url):
            statements.append(statement)
    return statements


def _own_url(scope: HtmlElement | None, url: str | None) -> str | None:
    """The page's own address: where it was fetched, else (a saved page) its canonical address."""
    if url or scope is None:
        return url
    root = scope.getroottree().getroot()
    for address in root.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        if address.strip().startswith(("http://", "https://")):
            return address.strip()
    return None


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header",
    "footer", "table", "tr", "td", "th", "figure", "figcaption", "aside", "pre", "dd", "dt", "dl", "main", "nav",
    "form", "hr", "br", "center", "address",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "iframe"}
_MEDIA_TAGS = {"img", "picture", "video", "iframe", "svg", "canvas", "object", "embed", "table"}


@dataclass
class DomLine:
    """A line of an element's text, with the links it holds; or a picture, a video, a table (``media``)."""

    text: str = ""
    links: list[HtmlElement] | None = None
    media: bool = False


def _dom_lines(scope: HtmlElement) -> list[DomLine]:
    """The element's text as lines, broken at block elements and ``<br>``, each with the links it holds, and
    a line for each picture or table among them."""
    lines: list[tuple[list[str], list[HtmlElement], bool]] = [([], [], False)]
    skipping = 0

    def newline(media: bool = False) -> None:
        if "".join(lines[-1][0]).strip() or lines[-1][1] or lines[-1][2]:
            lines.append(([], [], False))
        if media:
            lines[-1] = ([], [], True)
            lines.append(([], [], False))

    for event, element in etree.iterwalk(scope, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if not skipping and tag in _MEDIA_TAGS and tag != "table":
                newline(media=True)
            if tag in _SKIPPED_TAGS:
                skipping += 1
            if skipping:
                continue
            if tag in _BLOCK_TAGS:
                newline()
            if tag == "a" and element.get("href"):
                lines[-1][1].append(element)
            if tag and element.text:
                lines[-1][0].append(element.text)
        else:
            if tag in _SKIPPED_TAGS:
                skipping -= 1
            elif not skipping and tag in _BLOCK_TAGS:
                newline(media=tag == "table")
            if not skipping and element is not scope and element.tail:
                lines[-1][0].append(element.tail)
    return [DomLine(" ".join("".join(parts).split()), links, media) for parts, links, media in lines
            if media or "".join(parts).strip() or links]


def _line_index(statement: Statement, dom_lines: list[DomLine]) -> int | None:
    """The element's line that holds the statement: the last such line for a trailer, the first for a lead."""
    key = squash(statement.line)
    if not key:
        return None
    hits = [i for i, line in enumerate(dom_lines) if line.text and key in squash(line.text)]
    if not hits:
        return None
    return hits[-1] if statement.where == "trailer" else hits[0]


def _credits_a_picture(index: int, dom_lines: list[DomLine]) -> bool:
    """Whether a line comes right under a picture or a table: a "Source:" there is its credit."""
    for line in reversed(dom_lines[:index]):
        if line.media:
            return True
        if line.text:
            return False
    return False


def _add_link(statement: Statement, line: DomLine | None, url: str | None) -> None:
    """The original's address from the links of the statement's line: the link on the outlet's name, else
    the line's only link to an article on another site. A link to a site's home page is no article's."""
    if statement.url:
        statement.url = statement.url if _elsewhere(statement.url, url) and _is_article(statement.url) else None
        return
    if line is None or not line.links:
        return
    candidates = []
    for link in line.links:
        href = urljoin(url or "", (link.get("href") or "").strip())
        if href.startswith(("http://", "https://")) and _elsewhere(href, url):
            candidates.append((squash(link.text_content()), href))
    name = squash(statement.source or "")
    on_name = [href for text, href in candidates if name and text and (text == name or text.endswith(name))]
    if on_name:
        # The outlet's name links its home page: the line names no article ("originally published by
        # <a>Grist</a>. Sign up for Grist's <a>newsletter</a>": the other link is not the original's).
        statement.url = on_name[0] if _is_article(on_name[0]) else None
    else:
        articles = {href for _, href in candidates if _is_article(href)}
        statement.url = articles.pop() if len(articles) == 1 else None


def _names_site(statement: Statement, url: str | None, site_names: set[str]) -> bool:
    """Whether a statement names the site itself: "The post X appeared first on <this blog>", "Quelle: F.A.Z."
    on faz.net, "Source: Infografik WELT" on welt.de."""
    if statement.url and not _elsewhere(statement.url, url):
        return True
    if not statement.source:
        return False
    key = squash(statement.source)
    names = set(site_names)
    if url:
        names.add(_site_key(url))
    return is_site_name(statement.source, names) or any(len(name) >= 4 and name in key for name in names)


# --------------------------------------------------------------------------------------------------
# Sites and addresses


def _site_key(url: str) -> str:
    """The name that tells one site from another: the registered domain's label ("afr" for www.afr.com,
    "bbc" for www.bbc.co.uk), a blog's name on Blogger under any country domain, else the host."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return ""
    if ".blogspot." in host:
        return host.split(".blogspot.")[0] + ".blogspot"
    if not re.match(r"^[\d.]+$|^\[|^localhost$", host):
        try:
            label, _domain = get_tldinfo(f"https://{host}/")
        except Exception:  # noqa: BLE001 - a helper's bug must not cost the page
            label = None
        if label:
            return label
    return f"{host}:{urlsplit(url).port}" if urlsplit(url).port else host


def _elsewhere(address: str, url: str | None) -> bool:
    """Whether ``address`` is on another site than the page's own (unknown when the page's is not known:
    then the address counts, as nothing says it is the page's)."""
    other = _site_key(address)
    if not other:
        return False
    return not url or other != _site_key(url)


def _is_article(address: str) -> bool:
    """An address of a piece, not of a site's home page or a search: it has a path."""
    parts = urlsplit(address)
    return "." in (parts.hostname or "") and parts.path.strip("/") != ""


# --------------------------------------------------------------------------------------------------
# Offering the fields


def offer_original(fields: FieldSet, statements: list[Statement], tree: HtmlElement, url: str | None,
                   site_names: set[str]) -> None:
    """Offer ``original_source``, ``original_url`` and ``original_published`` from the post's statements, then
    from the page's JSON-LD, then from its canonical address; each first offer wins."""
    for statement in statements:
        rule = f"text:repost-{statement.where}"
        fields.offer("original_source", statement.source, rule)
        fields.offer("original_url", statement.url, rule)
    based_on = _based_on(tree, _own_url(tree, url), site_names)
    if based_on is not None:
        address, name, day, organisation = based_on
        fields.offer("original_url", address, "jsonld:isBasedOn")
        fields.offer("original_source", name, "jsonld:isBasedOn")
        if day and fields.offer("original_published", day, "jsonld:isBasedOn"):
            fields.offer("original_published_raw", day, "jsonld:isBasedOn")
        if organisation and fields.has("original_url"):
            fields.offer("original_source", organisation, "jsonld:sourceOrganization")
    for statement in statements:
        if statement.day and fields.offer("original_published", statement.day.isoformat(),
                                          f"text:repost-{statement.where}"):
            fields.offer("original_published_raw", statement.day_raw, f"text:repost-{statement.where}")
    if url:
        _offer_canonical(fields, tree, url)


def _offer_canonical(fields: FieldSet, tree: HtmlElement, url: str) -> None:
    address = _canonical_elsewhere(tree, url)
    if address is None:
        return
    fields.offer("original_url", address, "link:canonical-elsewhere")
    name = _site_name_of(meta_tags(tree).get("og:site_name"), address)
    if name and fields.sources.get("original_url") == "link:canonical-elsewhere" and not _names_host(name, url):
        fields.offer("original_source", name, "meta:og:site_name")


def _site_name_of(site_name: str | None, address: str) -> str | None:
    """The part of an ``og:site_name`` that names the host of ``address`` ("Bargain blog • DealDoctor" on
    dealdoctor.example), if it reads as a name."""
    for part in re.split(r"\s+[|•·–—-]\s+|\s*[|•·]\s*", site_name or ""):
        part = " ".join(part.split())
        if part and _names_host(part, address) and _is_name(part):
            return part
    return None


def _canonical_elsewhere(tree: HtmlElement, url: str | None) -> str | None:
    """The page's canonical address (``rel=canonical``, ``og:url``) when it names an article on another site."""
    url = (url or "").strip()
    if not url:
        return None
    addresses = [urljoin(url, href.strip()) for href in tree.xpath("//link[@rel='canonical']/@href")[:1]]
    addresses += [urljoin(url, v.strip()) for v in tree.xpath("//meta[@property='og:url']/@content")[:1]]
    addresses = [a for a in addresses if a.startswith(("http://", "https://"))]
    if not addresses or not all(_elsewhere(a, url) and _is_article(a) for a in addresses):
        return None  # one of them names the page's own site, or a site's home page: no repost's
    if len({_site_key(a) for a in addresses}) > 1 or urlsplit(addresses[0]).path == urlsplit(url).path:
        return None  # they disagree; or the same path on another host: the site's other domain, not a repost
    return addresses[0]


def _own_names(scope: HtmlElement | None, url: str | None, site_names: set[str]) -> set[str]:
    """The site's own names, less an ``og:site_name`` copied with the original's tags (it names the host of a
    canonical address elsewhere)."""
    if scope is None or not url:
        return site_names
    root = scope.getroottree().getroot()
    address = _canonical_elsewhere(root, url)
    name = meta_tags(root).get("og:site_name") if address else None
    if name and address and _names_host(name, address) and not _names_host(name, url):
        return site_names - {squash(name)}
    return site_names


def _names_host(name: str, address: str) -> bool:
    """Whether a site's name spells the host's name ("Financial Times", ft.com; "The Guardian",
    theguardian.com) or its initials ("Australian Financial Review", afr.com)."""
    key = _site_key(address).split(".")[0]
    squashed = squash(name)
    words = [w for w in re.findall(r"\w+", name) if w.casefold() not in ("the", "der", "die", "das", "le", "la", "el")]
    initials = "".join(w[0] for w in words).casefold()
    return len(key) >= 2 and (squashed == key or squashed.removeprefix("the") == key or initials == key
                              or (len(key) >= 5 and key in squashed) or (len(squashed) >= 5 and squashed in key))


# A study or a manual a piece is based on is what it draws on, not where it first ran.
_REPOSTED_TYPES = ARTICLE_TYPES - {"scholarlyarticle", "techarticle"}


def _based_on(tree: HtmlElement, url: str | None, site_names: set[str]) -> tuple[str | None, str | None,
                                                                                str | None, str | None] | None:
    """The article's ``isBasedOn`` when it names another site's article: (address, outlet, day it ran,
    the article's ``sourceOrganization``). A creative work of another kind (a study, a book) is what the
    piece draws on, not where it first ran."""
    for node in _jsonld_nodes(tree):
        based = node.get("isBasedOn", node.get("isBasedOnUrl"))
        if isinstance(based, list):
            if len(based) != 1:
                continue  # several: a piece built on sources, not one reposted
            based = based[0]
        address = name = day = None
        if isinstance(based, str):
            address = based.strip()
        elif isinstance(based, dict):
            types = {t.lower() for t in _as_list(based.get("@type")) if isinstance(t, str)}
            if types & SITE_TYPES:
                name = _name(based)
            elif types & _REPOSTED_TYPES:
                address = _first_text(based.get("url")) or _first_text(based.get("@id"))
                name = _name(based.get("publisher")) or _name(based.get("sourceOrganization"))
                day = _first_text(based.get("datePublished"))
            else:
                continue
        else:
            continue
        if address and not (address.startswith(("http://", "https://")) and _elsewhere(address, url)
                            and _is_article(address)):
            address = None
        if name and (not _is_name(name) or is_site_name(name, site_names | ({_site_key(url)} if url else set()))):
            name = None
        if not address and not name:
            continue
        organisation = _name(node.get("sourceOrganization"))
        if organisation and (not _is_name(organisation) or (url and _names_host(organisation, url))):
            organisation = None
        if organisation and not (address and _names_host(organisation, address)):
            organisation = None  # alone, or not the original's site: a section, a picture agency, the site itself
        return address, name, day if parse_iso(day) else None, organisation
    return None


def _jsonld_nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        if "isBasedOn" not in script:
            continue
        nodes += read_jsonld(script)
    return [n for n in nodes if "isBasedOn" in n or "isBasedOnUrl" in n]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _first_text(value: Any) -> str | None:
    value = _as_list(value)[0] if _as_list(value) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _name(value: Any) -> str | None:
    for item in _as_list(value):
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            return " ".join(item["name"].split())
        if isinstance(item, str) and item.strip() and not item.startswith(("http", "#")):
            return " ".join(item.split())
    return None
