"""Bylines: find the line that names a piece's author and turn it into a list of person names."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Set as AbstractSet  # read only: a caller's set, or an empty frozenset

# "Opinion by", "Guest editorial by", "Von", "Par", "Geschrieben von", "— by" (a signature)...: the words
# that introduce a byline.
_BYLINE_LEAD = re.compile(
    r"^\s*(?:[-–—―]+\s*)?(?:(?:an?\s+)?(?:opinion|op-ed|oped|commentary|analysis|column|editorial|essay|guest\s+"
    r"(?:editorial|column|post|essay|commentary|opinion)|story|article|text|words|report(?:ed)?|"
    r"written|posted|compiled|edited|geschrieben|verfasst|eingestellt|veröffentlicht|"
    r"ein(?:e)?\s+(?:artikel|beitrag|gastbeitrag|kommentar|kolumne|interview|reportage)|(?:blog\s*)?beitrag|gastbeitrag|"
    r"kommentar|kolumne|(?:presse|medien)(?:mitteilung|meldung)|"
    r"un\s+(?:article|billet)|publié|écrit|rédigé|escrito|publicado|scritto|pubblicato|geschreven)\s+)?"
    r"(?:by|von|par|por|di|da|door|av|af|przez|od|de)\s*[:\-–—]?\s+(?P<names>.+?)\s*$",
    re.I,
)
# Byline labels followed by a colon: "Author: X", "Autor: X", "Auteur : X", "Text & Fotos: X".
_LABELLED = re.compile(
    r"^\s*(?:authors?|autor(?:in|en|innen)?|auteur(?:e|s)?|autore|autori|autora|written\s+by|"
    r"texte?|tekst|text\s*(?:&|und|and|et|y|/)\s*(?:fotos?|photos?|bilder))\s*:\s*(?P<names>.+?)\s*$",
    re.I,
)
# A meta line that dates the post before it names the writer: "Posted on 21 May 2020 by Jane Doe",
# "Veröffentlicht am 3. Mai von Jane Doe", "May 21, 2020 by Jane Doe".
_DATED_BYLINE = re.compile(
    r"^\s*(?:(?:posted|published|written|veröffentlicht|geschrieben|erstellt|publié|publicado|pubblicato)\b[^|]{0,48}?"
    r"\s(?:by|von|par|por|door|da|di)|(?=[^|]{0,40}\d)[^|©]{4,40}?\s+by)\s*:?\s+(?P<names>.+?)\s*$",
    re.I,
)
# What separates the parts of a meta line: "By Jane Doe | 7 January", "Jane Doe · 5 min read".
META_SEPARATOR = re.compile(
    r"\s*[|•·]\s*|\s+[–—-]\s+"
    r"|(?<![&/])(?<!und)(?<!and)\s+(?=(?:illustrations?|fotos?|photos?|bilder|grafik|graphics?|video|kamera|camera)\b)"
    r"|(?<![&/])(?<!und)(?<!and)\s+(?!(?:von|by|par|por|door|de|di|da)\s*:)(?=[^\W\d_]+:\s)",  # "Datum: 3.5. Autor: X"
    re.I,
)
# "An interview by Jane Doe with John Roe": the byline ends where the subject begins.
_WITH = re.compile(r"\s+(?:mit|with|avec|con|met)\s+.*$", re.I)
# What follows the names and is the writers' outlet: "Jane Doe / The Daily Courier", "Jane Doe for The
# Sunday Courier", "Jane Doe für den Kurier"; "det/dpa" (no spaces) is one credit and stays.
# ("per" is left out: it is also a first name).
_OUTLET_TAIL = re.compile(r"\s+/\s.*$|\s+(?:for|für|pour|para)\s+[^\W\d_].*$", re.I)
# ... and one word after a slash with no spaces, after a full name: "Peter Maahn/SP-X" (see _without_outlet).
_SLASHED_OUTLET = re.compile(r"(?<=[^\W\d_]{2})/[^\W\d_][\w.-]{0,15}$")
# An "&" between names has spaces around it; one without is an outlet's ("Jackson Hole News&Guide", "AT&T").
_SPLIT = re.compile(r"\s*(?:,|;|、|，)\s*|\s+&\s+|\s+(?:and|und|et|y|e|en|och|og|i)\s+", re.I)
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
    # the words of an author box's links and of a writer's title ("All posts", "Über Jane", "Chefredakteur")
    "all", "alle", "alles", "more", "mehr", "weitere", "about", "über", "view", "profile", "profil", "posts",
    "articles", "artikel", "beiträge", "beitrag", "contact", "kontakt", "read", "lesen", "zur", "zum", "share",
    "chefredakteur", "chefredakteurin", "redakteur", "redakteurin", "autorin", "autoren", "journalist",
    "journalistin", "editor-in-chief", "senior", "chief", "managing", "freelance", "freier", "freie",
    "text", "texte", "interview", "foto", "fotos", "datum", "quelle", "stand", "kommentar", "gastbeitrag",
    "pressemitteilung", "pressemeldung", "medienmitteilung",
    # a writer's department or title after the name ("Jane Doe, Project Marketing", "Jane Doe, Director")
    "project", "marketing", "communications", "relations", "manager", "director", "officer", "president",
    "spokesperson", "sprecher", "sprecherin", "pressesprecher", "pressesprecherin",
    "edit", "bearbeiten", "follow", "folgen", "subscribe", "abonnieren", "list", "member", "members", "index", "policies", "policy",
    "register", "login", "facebook", "twitter", "youtube", "linkedin", "xing", "instagram", "pinterest",
    "whatsapp", "telegram", "tiktok", "mastodon", "email", "e-mail", "rss",
}
# Words that make a name an organisation's: company forms, public bodies, associations, countries.
ORGANISATION_WORDS = {
    "gmbh", "ag", "eg", "e.v", "e.v.", "ev", "inc", "inc.", "ltd", "ltd.", "llc", "kg", "co.", "s.a.", "plc",
    "abteilung", "departement", "department", "ministerium", "bundesamt", "amt", "behörde", "verband", "verein",
    "stiftung", "institut", "universität", "gesellschaft", "association", "solutions", "kirche", "church",
    "deutschland", "germany", "österreich", "austria", "schweiz", "switzerland", "customs", "kitchen", "kitchens",
}
_NOT_PERSON_WORDS |= ORGANISATION_WORDS
# Endings of compound words that name an outlet or a company ("Wirtschaftsnachrichten", "Autozeitung").
_NOT_PERSON_ENDINGS = ("nachrichten", "zeitung", "magazin", "verlag", "presse", "gmbh", "redaktion", "online",
                       "verband", "verein", "stiftung", "institut")
# A name that starts with an article is a publication's ("The Economist", "Die Tagespresse", "El País").
_ARTICLES = {"the", "die", "das", "der", "el", "la", "le", "les", "il", "lo", "los", "las", "het", "een", "a", "an"}
_NOT_FIRST_WORDS = {"zu", "der", "den", "das", "des", "dem", "und", "y", "e", "et", "and", "in"}
_CAPITALISED_LEADS = {"Von", "By", "Par", "Por", "VON", "BY"}
#: the small words inside a person's name ("Ludwig van Beethoven", "Ana de la Cruz")
NAME_PARTICLES = {
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
    if not names and _EXPLICIT_LEAD.match(text):
        names = _handle(match.group("names"))  # "Posted by Trott": after a plain label, an account's one word
    return names or None


def credit_text(line: str) -> list[str] | None:
    """What a byline line credits, unparsed ("By The Associated Press" gives "The Associated Press"),
    for credits that name no person; None when the line is no byline."""
    text = " ".join(line.split())
    match = None if len(text) > 160 else _BYLINE_LEAD.match(text) or _LABELLED.match(text)
    return [match.group("names")] if match else None


def parse_meta_line(line: str, strict: bool = True) -> list[str] | None:
    """Names from a page's meta line ("Posted on May 3, 2021 by Jane Doe | 4 Comments"); None when none.

    Each part between separators may be the byline; ``strict`` asks for names of two words or more.
    """
    text = " ".join(line.split())
    if len(text) > 160 or _COPYRIGHT.search(text):
        return None
    for part in META_SEPARATOR.split(text):
        match = (_BYLINE_LEAD.match(part) or _LABELLED.match(part) or _DATED_BYLINE.match(part)
                 or _CASELESS_BYLINE.match(part))
        if not match:
            continue
        found = match.group("names") or match.groupdict().get("names2") or ""
        names_text = _NAMES_END.sub("", _WITH.sub("", found))
        names = split_names(names_text, strict=strict)
        if not names and _EXPLICIT_LEAD.match(part):
            # "Posted by Konstantin", "Verfasst von: jdoe42": after a plain label, one word names the writer.
            names = split_names(names_text, strict=False) or _handle(names_text)
        if names:
            return names
    return None


# Labels that say outright that a name follows: "Posted by", "Verfasst von:", "Autor:".
_EXPLICIT_LEAD = re.compile(
    r"^\s*(?:posted|written|geschrieben|verfasst|eingestellt|erstellt|veröffentlicht|publié|écrit|rédigé|escrito|"
    r"publicado|scritto|pubblicato|geschreven|authors?|autor\w*|auteur\w*|autore|autori|autora)\b",
    re.I,
)
# What may follow the names in a meta line: "Jane Doe on May 3, 2021", "Jane Doe am 3. Mai", "jdoe @ 00:11".
_NAMES_END = re.compile(r"\s+(?:on|am|um|at|le|el|il|@)\s+.*$|\s+\d.*$"
                        # "Mar 3, 2024"; not months that are also names ("Brian May 3 hours ago")
                        r"|\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr|jun|jul|aug|sept?(?:ember)?|"
                        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d.*$"
                        r"|\s+[^\W\d_]+(?:\s+(?:und|and|&|et|y)\s+[^\W\d_]+)?:(?:\s.*)?$", re.I)


def after_byline_lead(line: str) -> str | None:
    """What follows a byline's lead ("By", "Von", "Par", "Written by") in ``line``; None without one."""
    match = _BYLINE_LEAD.match(" ".join(line.split()))
    return match.group("names") if match else None


def _handle(text: str) -> list[str]:
    text = text.strip(" ,;:")
    return [text] if _HANDLE.match(text) and not _NOT_A_HANDLE.search(text) and text.casefold() not in PLACEHOLDERS else []


_TRAILING_ROLE = re.compile(
    r"\s+(?:chefredakteur(?:in)?|redakteur(?:in)?|journalist(?:in)?|autor(?:in)?|editor|reporter|correspondent|"
    r"columnist|staff writer|rédacteur|rédactrice|periodista|redactor(?:a)?)$", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.I)


def bare_names(text: str) -> list[str] | None:
    """The names when ``text`` is nothing but names ("Jane Doe", "Jane Doe and John Roe | 3 May"); else None."""
    text = re.sub(r"\s*[|•·]\s*.*$", "", " ".join(text.split()))
    text = re.sub(r"\(.*?\)", "", text)
    text = re.sub(r"\s+[^\W\d_]+:(?:\s.*)?$", "", text)  # "Jane Doe Stand: 3. Mai": a label and its value follow
    text = _TRAILING_ROLE.sub("", text)  # "Jane Doe Chefredakteurin": the writer's title follows
    if not text or len(text) > 100:
        return None
    parts = [clean_name(part) for part in _SPLIT.split(text)]
    parts = [part for part in parts if part]
    if parts and all(is_person_name(part, strict=True) for part in parts):
        return list(dict.fromkeys(parts))
    return None


def _without_outlet(text: str) -> str:
    """The names of a credit without the outlet after them; a slashed one only after a name of two words or
    more ("det/dpa", an editor's initials and the agency, stays one credit)."""
    text = _OUTLET_TAIL.sub("", text)
    return _SLASHED_OUTLET.sub("", text) if " " in text.strip() else text


def split_names(text: str, strict: bool = True) -> list[str]:
    """Split a byline's names ("A and B", "A, B & C"), dropping roles, affiliations and placeholders.

    ``strict`` asks for at least two words a name, as free text in a body needs;
    structured markup (an author field) may hold a one-word name.
    """
    text = re.sub(r"\s*[|•·]\s*.*$", "", text)  # "NAME | January 7": what follows a bar is not a name
    text = _SUFFIX_AFTER_COMMA.sub(r" \g<suffix>", _without_outlet(re.sub(r"\(.*?\)", "", text)))
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = clean_name(part)
        if not name:
            continue
        if (not is_person_name(name, strict=strict) or names and _shouted(name) and not _shouted(names[0])
                or names and _not_a_writer(part)):
            break  # "Jane Doe, BBC News, New York", "Jane Doe, MDR THÜRINGEN": an affiliation, then a place
        if name not in names:
            names.append(name)
    return names


def _shouted(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


# News agencies and wire services, as they are credited ("AP", "Agence France-Presse", "dpa").
AGENCIES = {
    "ap", "associated press", "the associated press", "afp", "agence france-presse", "agence france presse",
    "reuters", "thomson reuters", "dpa", "deutsche presse-agentur", "efe", "agencia efe", "ansa", "apa", "kna",
    "epd", "sid", "pti", "press trust of india", "ians", "ani", "tnn", "xinhua", "kyodo", "kyodo news",
    "yonhap", "anadolu", "anadolu agency", "europa press", "lusa", "tt", "ntb", "ritzau", "stt", "belga",
    "bloomberg", "bloomberg news", "upi", "united press international", "cna", "bernama", "antara",
    "tass", "ria novosti", "interfax", "ukrinform", "mti", "pap", "ctk", "čtk", "hina", "tanjug", "ana-mpa",
    "sda", "keystone-sda", "ats", "adnkronos", "agi", "notimex", "télam", "telam", "prensa latina",
}
# Words that make a credit an organisation's: a newsroom, a desk, an outlet, an agency. Not a university
# or a ministry: after a writer's name those are an affiliation ("Jane Roe, University of Jordan").
_ORGANISATION_CREDIT_WORDS = {
    "staff", "team", "desk", "newsroom", "board", "editorial", "press", "news", "times", "journal", "magazine",
    "agency", "agentur", "agencia", "agence", "media", "network", "redaktion", "rédaction", "redazione",
    "redacción", "redação", "daily", "weekly", "tribune", "herald", "gazette", "online", "submissions",
    "zeitung", "nachrichten", "wire", "reporters", "bund", "webteam", "newsdesk",
}
_AFFILIATION_WORDS = {"university", "universität", "université", "universidad", "università", "institute", "institut",
                      "college", "school", "hospital", "ministry", "department", "foundation", "center", "centre"}
# Endings of compound words that name a newsroom or a body ("Newsdesk", "PETA-Team", "Sportredaktion").
_ORGANISATION_ENDINGS = ("desk", "team", "redaktion", "newsroom", "bund") + _NOT_PERSON_ENDINGS


def is_organisation(name: str) -> bool:
    """True for a credit that names an organisation, not a person: a news agency ("AFP", "Reuters"), an
    outlet or newsroom ("The Daily Courier", "Redaktion", "BBC News"), a company or public body."""
    lowered = " ".join(name.casefold().split()).strip(" .,;:")
    if lowered in AGENCIES or (_CASELESS_NAME.match(name) and _CASELESS_ORG.search(name)):
        return True
    # "News&Guide" is two words of an outlet's name, as "Radio-Zeitung" is
    words = [w.strip(".,;:()") for w in re.split(r"[\s&-]+", lowered) if w.strip(".,;:()")]
    if not words or len(words) > 8:
        return False
    if any(w in _ORGANISATION_CREDIT_WORDS or w.endswith(_ORGANISATION_ENDINGS) for w in words):
        return True
    if words[0] in _ARTICLES and len(words) > 1 and name[:1].isupper() and not _AFFILIATION_WORDS & set(words):
        return True  # "The Economist", "Le Figaro", "El País"; not "The University of Jordan"
    letters = [ch for ch in name if ch.isalpha()]
    # "TNN", "KNA"; not an account's handle with a number ("EMU1729")
    return (2 <= len(letters) <= 5 and len(words) == 1 and all(ch.isupper() for ch in letters)
            and not any(ch.isdigit() for ch in name))


def organisation_names(value: str | list[str] | None, site_names: AbstractSet[str] = frozenset()) -> list[str]:
    """The organisations a credit names, as printed: "Jane Roe, Reuters" and "Jane Roe / TNN" give
    the agency, "Le Figaro et AFP" both; the site's own name is left out (a publisher's template
    crediting itself is no credit)."""
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        text = " ".join(_EMAIL.sub(" ", html.unescape(item)).split())
        lead = _BYLINE_LEAD.match(text) or _LABELLED.match(text) or _DATED_BYLINE.match(text)
        text = _LABEL_PREFIX.sub("", _ROLE_PREFIX.sub("", lead.group("names") if lead else text))
        text = re.sub(r"[()]", ",", text)  # "Max Mustermann (dpa)"
        # An "&" without spaces is inside a name ("Jackson Hole News&Guide"), as in split_names.
        for part in re.split(r"\s*(?:,|;|\||/|•|·)\s*|\s+&\s+|\s+(?:and|und|et|y|e|en|with|mit|avec|for|für|pour|para)\s+", text):
            name = clean_name(part)
            if (not name or name in found or len(name) > 60 or not is_organisation(name)
                    or re.search(r"\s[-–—]\s", name) or any(ch in "@#=<>{}[]" for ch in name)):
                continue  # "Jane Roe - Safe Browsing Team": her team, not a credit
            if not (name[:1].isupper() or name[:1].isdigit() or name.casefold() in AGENCIES or _CASELESS_NAME.match(name)):
                continue  # words of a sentence ("veröffentlicht am 8. Februar von PETA-Team")
            if is_site_self_credit(name, site_names) or _abbreviates_site(name, site_names):
                continue
            found.append(name)
    return found


# Scripts without letter case (Chinese, Japanese, Korean): a name is a short run of their letters, with
# a dot or a space between its parts at most ("後藤大地", "신현주", "ジョン・スミス").
_CASELESS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CASELESS_NAME = re.compile(rf"^[{_CASELESS}][{_CASELESS}・· ]{{1,11}}$")
# Their byline labels before a name ("著者：", "文●", "作者：", "记者 ") and roles after it ("기자", "記者").
_CASELESS_LABEL = re.compile(
    rf"^\s*(?:(?:著者|筆者|作者|撰文|執筆者?|记者|記者|编辑|編集|기자|취재)\s*[:：●/／|｜]?|(?:文|글|写真・文|文・写真)\s*[:：●/／|｜]"
    rf"|[{_CASELESS}]{{1,8}}(?:记者|記者)\s+)\s*")  # "半月谈记者 史卫燕": the outlet's reporter
_CASELESS_ROLE = re.compile(r"\s*(?:기자|특파원|記者|记者|特派員|特派员|編集委員|編集部員|氏)$")
# Words of an organisation in those scripts: newspaper, agency, broadcaster, company, newsroom, university.
_CASELESS_ORG = re.compile(
    r"新聞|新闻|通信|編集部|编辑部|日報|日报|報社|报社|电视|電視|放送|株式会社|有限公司|集团|集團|協会|协会|大学|大學"
    r"|研究所|委員会|委员会|뉴스|일보|신문|방송|편집부|통신|社$")


# A byline line in those scripts: "著者：後藤大地", "文●松村太郎", "作者：张三", "신현주 기자".
_CASELESS_BYLINE = re.compile(
    rf"^\s*(?:(?:著者|筆者|作者|撰文|執筆者?|记者|記者|기자)\s*[:：●/／|｜]?|(?:文|글)\s*[:：●/／|｜])\s*"
    rf"(?P<names>[{_CASELESS}][{_CASELESS}・· 、，]{{1,40}}?)\s*$"
    rf"|^\s*(?P<names2>[{_CASELESS}][{_CASELESS}・· ]{{1,11}}?)\s*(?:기자|특파원|記者|记者|特派員|特派员)\s*$")


def is_caseless_name(name: str) -> bool:
    """True for a person's name in a script without letter case ("後藤大地", "신현주", "山田はるか", "上野あい子");
    not a phrase, whose particles in hiragana run on into kanji ("次は決勝": "next is the final")."""
    return bool(_CASELESS_NAME.match(name)) and not _CASELESS_ORG.search(name) and not _KANA_THEN_KANJI.search(name)


# A hiragana run followed by two kanji or more: a grammatical particle inside a phrase, not a name's kana.
_KANA_THEN_KANJI = re.compile(r"[\u3040-\u309f][\u3400-\u4dbf\u4e00-\u9fff]{2}")


def _abbreviates_site(name: str, site_names: AbstractSet[str]) -> bool:
    """True for a short capitals credit that starts the site's name ("LN" on ln-online.de)."""
    key = squash(name)
    return len(key) <= 4 and name.isupper() and any(site.startswith(key) for site in site_names)


def mentions_organisation(text: str) -> bool:
    """True when ``text`` names a company, a public body or an association ("Beispiel GmbH", "Stadtamt")."""
    return any(word.casefold().strip(",;()") in ORGANISATION_WORDS for word in text.split())


def clean_name(text: str) -> str:
    """Trim punctuation, a leading "By" and stray whitespace from one name; a name written twice in a
    row (a link's text and its hidden label, "Jane Doe Jane Doe") once; a month, a publication label or
    a title run onto its end ("Laura E. Adkins December", "David Mouriquand Publié", "Gina Trapani CEO")
    when two words of name remain."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"^\s*(?:by|von|par|por|di)\s+", "", text, flags=re.I)
    text = _CASELESS_ROLE.sub("", _CASELESS_LABEL.sub("", text))
    # A footnote's mark after the name ("Jane Doe*", "Jane Doe†") points to a note about the writer.
    words = text.strip(" \t\n.,;:-–—'\"“”‘’*†").split()
    half = len(words) // 2
    if half >= 2 and words[:half] == words[half:]:
        words = words[:half]
    # What a template prints after the name, run onto it, when two words of name remain: from a number, a
    # month and its day, or a role with its qualifier on ("Jane Doe 4 min read", "Jane Doe Mar 3, 2024", "Jane
    # Doe Staff Writer"); and a last word capitalised as the next line's first ("Zuerst veröffentlicht" is no
    # name, "Jane Doe Follow"), but no such word inside a name ("Juan Carlos Julio Pérez").
    for index in range(2, len(words)):
        word, key = words[index], _word_key(words[index])
        following = _word_key(words[index + 1]) if index + 1 < len(words) else ""
        if (word[:1].isdigit() or word[:1].isupper() and key in _ROLE_QUALIFIERS and following in _ROLES
                or key in _MONTH_ABBREVIATIONS and following[:1].isdigit()):
            words = words[:index]
            break
    while len(words) > 2 and words[-1][:1].isupper() and _word_key(words[-1]) in _GLUED_WORDS:
        words = words[:-1]
    name = " ".join(words).strip(" .,;:|")
    # The full stop of a name's last abbreviation is the name's ("Angus M. Thuermer Jr.", "Jane D.").
    if len(words) > 1 and _ENDS_ABBREVIATED.search(text.rstrip(" \t\n,;:|")) and name == " ".join(words).rstrip("."):
        name += "."
    return name


# A name ending in a generational suffix or an initial, with its full stop.
_ENDS_ABBREVIATED = re.compile(r"(?:\s(?:Jr|Sr)|\s[^\W\d_])\.$")


# Words a template prints right after the writer's name, read into it when the markup runs them together.
# Months that are also names ("May", "June", "April", "August") are left alone.
_GLUED_WORDS = {
    "january", "february", "march", "july", "september", "october", "november", "december",
    "januar", "februar", "märz", "juli", "oktober", "dezember", "janvier", "février", "avril", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "mayo",
    "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    "published", "posted", "updated", "publié", "publiée", "veröffentlicht", "aktualisiert", "publicado",
    "actualizado", "pubblicato", "ceo", "cto", "cfo", "founder", "co-founder", "editor-in-chief", "chefredakteur",
    "chefredakteurin", "follow", "folgen",
}
# A writer's role after the name, one person's ("Jane Doe Staff Writer"; "Harbour Shimbun Staff Writers" is
# the outlet's desk, "Harbour Notes Staff" its newsroom).
_ROLES = {"writer", "reporter", "correspondent", "contributor", "columnist", "editor", "photographer", "journalist",
          "journalistin", "redakteur", "redakteurin", "korrespondent", "korrespondentin"}
_ROLE_QUALIFIERS = {"staff", "senior", "contributing", "opinion", "guest", "chief", "political", "special"}
_GLUED_WORDS |= _ROLES
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _word_key(word: str) -> str:
    return word.strip(".,:;|").casefold()


def _not_a_writer(text: str) -> bool:
    """True for a credit's part, after a first name, that names no second writer: a role alone ("Staff
    Writer"), or the writer's post at an outlet ("Harbour Courier Correspondent"; "John Roe Staff Writer"
    is a writer with his role, "B. Writer" a name)."""
    keys = [_word_key(word) for word in text.split()]
    if not keys or keys[-1] not in _ROLES:
        return False
    if all(key in _ROLES or key in _ROLE_QUALIFIERS for key in keys):
        return True
    return len(keys) > 2 and keys[-2] not in _ROLE_QUALIFIERS


def is_person_name(name: str, strict: bool = True) -> bool:
    """True for text shaped like a person's name: capitalised words, no digits, no org or role words."""
    if _CASELESS_NAME.match(name):
        return is_caseless_name(name)
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or (strict and len(words) < 2):
        return False
    if any(ch.isdigit() or ch in "@/#:=" for ch in name):
        return False
    if any(word.lower().strip(".,") in _NOT_PERSON_WORDS or word.lower().endswith(_NOT_PERSON_ENDINGS)
           for word in words):
        return False
    if words[0].lower() in _ARTICLES:
        return False
    if not all(any(ch.isalpha() for ch in word) for word in words):
        return False
    if words[-1].lower() in NAME_PARTICLES or words[0].lower() in _NOT_FIRST_WORDS:
        return False  # "Quelle der", "Zu Ihrer Information": words around a name, not a name
    if any(word in _CAPITALISED_LEADS for word in words[1:]):
        return False  # "Disko Von Jane Doe": a title and a byline run together
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        first = word.lstrip("\"'“(")[:1]
        if not first or not (first.isupper() or not first.isalpha() and first.isalnum()):
            if first.isalpha() and first.islower():
                return False
    return True


# ---------------------------------------------------------------------------------------------------
# Author fields of any source: structured data, markup, trafilatura's guess

#: Values that stand in for "no author": never a byline.
PLACEHOLDERS = {
    "unknown", "admin", "administrator", "anonymous", "anonym", "anonyme", "anónimo", "anonimo", "google",
    "blogger", "wordpress", "user", "guest", "webmaster", "author", "autor", "auteur", "autore", "editor",
    "staff", "none", "null", "n/a", "na", "root",
    "default", "sitename", "site", "website", "team", "unbekannt", "inconnu", "desconocido", "sconosciuto", "posted by",
    "twitter", "facebook", "instagram", "linkedin", "x", "email", "e-mail", "mail", "rss", "whatsapp", "telegram",
    "youtube", "tiktok", "pinterest", "threads", "bluesky", "mastodon", "share", "teilen", "partager", "compartir",
    "name", "human", "super user", "zvg", "red", "red.", "cortesía", "cortesia", "courtesy", "courtoisie", "tweet", "follow", "folgen", "wordpressadmin", "agencies", "agenturen", "nachrichten", "news",
}
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_TRAILING_NOISE = re.compile(
    r"\s+(?:says|said|schreibt|écrit|escribe|scrive|wrote|posted|on\s+\w+\s+\d.*|\d{1,2}[./]\d{1,2}[./]\d{2,4}.*)$",
    re.I,
)
_ROLE_PREFIX = re.compile(
    r"^(?:(?:posted|written|published|reported|compiled|edited|text|story|words|photos?|opinion|"
    r"guest\s+\w+|eingestellt|veröffentlicht|geschrieben|publié|écrit|publicado|escrito|pubblicato|scritto)\s+)?"
    r"(?:by|von|par|por|di|da|door|av|af|przez|de)\s*:?\s+",
    re.I,
)
# A role before a name without "by": "Interview Jane Doe", "Fotos: Jane Doe".
_BARE_ROLE = re.compile(r"^(?:interview|text|texte|fotos?|photos?|illustrations?)\s*:?\s+(?=[^\W\d_])", re.I)
# A profession printed before the name ("Rechtsanwalt Sebastian Muster", "Attorney Jane Doe"), when a first
# name and a surname follow it.
_PROFESSION = re.compile(
    r"^(?:rechtsanw[aä]lt(?:in)?|fachanw[aä]lt(?:in)?|anw[aä]lt(?:in)?|notar(?:in)?|steuerberater(?:in)?|"
    r"redakteur(?:in)?|journalist(?:in)?|reporter(?:in)?|korrespondent(?:in)?|attorney|lawyer|avocat[e]?|abogad[oa])"
    r"\s+(?=[^\W\d_][\w.'-]*\s+[^\W\d_])", re.I)
_LABEL_PREFIX = re.compile(
    r"^(?:author|authors|autor(?:in|en)?|auteur|autore|autori|written by|by|text|texte|tekst|von|par|por)\s*[:：]\s*",
    re.I,
)


_FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def squash(text: str) -> str:
    """Letters and digits only, casefolded, umlauts written out and accents dropped: for comparing a name
    with a site's name ("SPÖ", "spoe.at") or with the page's text."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLDS)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isalnum())


def author_names(value: str | list[str] | None, *, site_names: AbstractSet[str] = frozenset(),
                 strict: bool = False, allow_orgs: bool = True, allow_site: bool = False,
                 handles: bool = False, personal_site: bool = False) -> list[str]:
    """Names from an author field ("By A and B", "A; B", ["A", "B"]), placeholders and site names left out.

    ``strict``: person-shaped names only (for evidence that may be page furniture).
    ``allow_orgs``: keep agency and outlet names a publisher put in its author field ("AFP", "dpa").
    ``allow_site``: keep the site's own name (a publisher crediting its newsroom in structured data).
    ``handles``: keep an account's one-word handle ("jdoe42", "marc"), for markup that names an account.
    ``personal_site``: keep a person's full name though the site is named after it ("Jane Doe's Blog"),
    for a byline the page prints.
    """
    if allow_site:
        site_names = frozenset()
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        text = " ".join(_EMAIL.sub(" ", html.unescape(item)).split())  # "Redacci&oacute;n" in JSON-LD
        if not text or text.lower().startswith(("http://", "https://", "www.")):
            continue
        text = _LABEL_PREFIX.sub("", text)
        text = _ROLE_PREFIX.sub("", text)
        text = re.sub(r"\s*[|•·]\s*.*$", "", text)
        text = re.sub(r"\(.*?\)", " ", text)
        text = _without_outlet(text)
        text = _SUFFIX_AFTER_COMMA.sub(r" \g<suffix>", text)
        pieces = _SPLIT_KEEPING.split(text)
        for index in range(0, len(pieces), 2):
            name = clean_name(_TRAILING_NOISE.sub("", _PROFESSION.sub("", _BARE_ROLE.sub("", clean_name(pieces[index])))))
            if not name or name in names or not _acceptable(name, site_names, strict, allow_orgs, handles, personal_site):
                continue
            if index and (_affiliation(name, pieces[index - 1], pieces[index - 2]) or _not_a_writer(pieces[index])):
                continue
            names.append(name)
    return names


# A generational suffix after a comma is the name's, not a second writer: "Angus M. Thuermer, Jr.".
_SUFFIX_AFTER_COMMA = re.compile(r",\s*(?P<suffix>(?:Jr|Sr)\.?|II|III|IV)(?=\s*(?:$|[,;&]|\s(?:and|und)\s))")
_SPLIT_KEEPING = re.compile(f"({_SPLIT.pattern})", re.I)  # the separators kept, between the parts


def _affiliation(name: str, separator: str, before: str) -> bool:
    """Whether one word after a comma, following a person's full name, is where the person works or writes
    from ("Taylar Dawn Stagner, Grist"; "Jane Doe, Berlin"), not a second writer: that is an organisation
    only if it reads as one (``organisation_names``), and never a person."""
    return ("," in separator and " " not in name and len(before.split()) >= 2 and not is_caseless_name(name)
            and not is_organisation(name))


def is_site_name(name: str, site_names: AbstractSet[str]) -> bool:
    """True when ``name`` is one of the site's own names, or part of it ("Harbour Notes", "harbournotes.org")."""
    key = squash(name)
    return any(key == site or len(key) > 3 and key in site or len(site) > 4 and site in key for site in site_names)


# Words that make a site's name its newsroom's ("Redaktion Polizeiticker", "auto-motor.at Redaktion").
_NEWSROOM_WORDS = {"redaktion", "rédaction", "redazione", "redacción", "redação", "redactie", "redakcja", "staff",
                   "newsroom", "newsdesk", "desk", "editors", "editorial", "team", "webteam"}


def is_site_self_credit(name: str, site_names: AbstractSet[str]) -> bool:
    """True for the site's own name as a credit: a template's "By BBC News" credits nobody a reader could
    cite apart from the site itself. Its newsroom named ("Redaktion Polizeiticker Schweiz") is a credit."""
    words = {word.strip(".,;:()") for word in re.split(r"[\s&-]+", name.casefold())}
    return is_site_name(name, site_names) and not (words & _NEWSROOM_WORDS and squash(name) not in site_names)


_HANDLE = re.compile(r"^(?=.*[^\W\d_])[\w.\-]{2,30}$")
# A blog's or a domain's name is no account's ("SeglerBlog", "example.org").
_NOT_A_HANDLE = re.compile(r"blog|\.[a-z]{2,}$", re.I)


def _acceptable(name: str, site_names: AbstractSet[str], strict: bool, allow_orgs: bool, handles: bool = False,
                personal_site: bool = False) -> bool:
    lowered = name.casefold()
    caseless = is_caseless_name(name)
    if lowered in PLACEHOLDERS or len(name) > 60:
        return False
    if handles and _HANDLE.match(name) and not _NOT_A_HANDLE.search(name) and sum(ch.isalnum() for ch in name) > 3:
        return True  # an account's handle ("jancak", "330k"), even when the blog is named after it
    if sum(ch.isalpha() for ch in name) < (2 if caseless else 3):
        return False  # initials ("mf") no reader can cite
    if not allow_orgs and len(name) <= 3 and not caseless:
        return False  # an editor's initials ("amw"); an agency's ("AFP") only where a publisher credits it
    if any(ch.isdigit() for ch in name) and not allow_orgs:
        return False
    if any(ch in "@/#=<>{}[]" for ch in name) or name.count(".") > 3:
        return False
    if len(name.split()) > _MAX_NAME_WORDS + 1:
        return False
    if not squash(name):
        return False
    if is_site_self_credit(name, site_names) and not (personal_site and is_person_name(name)):
        return False  # the outlet crediting itself is no byline; a personal site is named after its writer
    if strict:
        return is_person_name(name, strict=False) and (name[:1].isupper() or caseless)
    if not allow_orgs and not is_person_name(name, strict=False):
        return False
    return True
