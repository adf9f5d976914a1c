"""Dates: ISO timestamps from markup, datelines in prose ("January 7 at 7:32 am Taiwan Time"), and the
day a page prints for its readers in any of the languages it may be written in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser
from htmldate.extractors import regex_parse

# Time-zone words printed in datelines, mapped to IANA zones. Longest phrases first when matching.
TZ_WORDS: dict[str, str] = {
    "taiwan time": "Asia/Taipei",
    "taipei time": "Asia/Taipei",
    "beijing time": "Asia/Shanghai",
    "china standard time": "Asia/Shanghai",
    "hong kong time": "Asia/Hong_Kong",
    "singapore time": "Asia/Singapore",
    "japan time": "Asia/Tokyo",
    "tokyo time": "Asia/Tokyo",
    "korea time": "Asia/Seoul",
    "seoul time": "Asia/Seoul",
    "manila time": "Asia/Manila",
    "philippine time": "Asia/Manila",
    "india time": "Asia/Kolkata",
    "moscow time": "Europe/Moscow",
    "london time": "Europe/London",
    "paris time": "Europe/Paris",
    "eastern time": "America/New_York",
    "eastern standard time": "America/New_York",
    "eastern daylight time": "America/New_York",
    "central time": "America/Chicago",
    "mountain time": "America/Denver",
    "pacific time": "America/Los_Angeles",
    "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "gmt": "UTC",
    "utc": "UTC",
    "bst": "Europe/London",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore",
    "wib": "Asia/Jakarta",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
}

_TZ_WORD_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(TZ_WORDS, key=len, reverse=True)) + r")\b\.?",
    re.I,
)
_OFFSET_RE = re.compile(r"\b(?:gmt|utc)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?\b", re.I)
_MONTH_RE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\b\.?",
    re.I,
)
_NUMERIC_DATE_RE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_YEAR_RE = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
# Words a dateline may carry besides the date itself.
_DATELINE_FILLER = re.compile(
    r"^(at|on|updated|published|posted|originally|first|last|modified|a|p|m|the|of|"
    r"am|pm|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(r(s(day)?)?)?|fri(day)?|sat(urday)?|sun(day)?)$",
    re.I,
)
_MAX_DATELINE_CHARS = 80


@dataclass(frozen=True)
class ParsedDate:
    """A date found in a page, with the text it came from."""

    value: datetime  #: aware when the line or the post gave a zone, else naive
    raw: str


def parse_iso(text: str | None) -> datetime | None:
    """Parse an ISO 8601 / RFC 3339 timestamp; a value without offset is returned naive."""
    if not text:
        return None
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return dateutil_parser.isoparse(text)
    except (ValueError, OverflowError):
        return None


def assume_utc(moment: datetime) -> datetime:
    """``moment`` with UTC as its zone when it has none: the one reading of a date without offset that
    archiver makes (feeds, sitemaps, APIs and users write dates without one)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def find_zone(text: str) -> tuple[tzinfo | None, str]:
    """Find a time-zone word or GMT offset in ``text``; return the zone and the text without it."""
    match = _OFFSET_RE.search(text)
    if match:
        sign = -1 if match.group(1) in "-−" else 1
        offset = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        return timezone(sign * offset), text[: match.start()] + text[match.end() :]
    match = _TZ_WORD_RE.search(text)
    if match:
        return ZoneInfo(TZ_WORDS[match.group(1).lower()]), text[: match.start()] + text[match.end() :]
    return None, text


def parse_dateline(text: str, reference: datetime | None = None) -> ParsedDate | None:
    """Parse a line that is a date and little else, as printed under a reposted piece's byline, in
    English ("January 7 at 7:32 am Taiwan Time") or another language ("7. Januar 2024, 19:32 Uhr",
    "7 de enero de 2024").

    A missing year is taken from ``reference`` (the post's own date), going back a year when
    that would put the original after the repost. A missing zone is taken from ``reference``.
    """
    raw = " ".join(text.split())
    if not raw or len(raw) > _MAX_DATELINE_CHARS:
        return None
    zone, rest = find_zone(raw)
    year_given = bool(_YEAR_RE.search(rest))
    default_year = reference.year if reference else datetime.now(timezone.utc).year
    value = _english_dateline(raw, rest, default_year) or _dateline_in_any_language(rest, default_year)
    if value is None:
        return None
    if zone is None and reference is not None and reference.tzinfo is not None:
        zone = reference.tzinfo
    if value.tzinfo is None and zone is not None:
        value = value.replace(tzinfo=zone)
    if not year_given and reference is not None:
        # Compare wall times when either side has no offset (a classic template prints none).
        ref = reference if (reference.tzinfo is None) == (value.tzinfo is None) else reference.replace(tzinfo=value.tzinfo)
        if value > ref + timedelta(days=2):
            value = value.replace(year=value.year - 1)
    return ParsedDate(value=value, raw=raw)


def _english_dateline(raw: str, rest: str, default_year: int) -> datetime | None:
    if not (_MONTH_RE.search(raw) or _NUMERIC_DATE_RE.search(raw)):
        return None
    try:
        value, skipped = dateutil_parser.parse(rest, default=datetime(default_year, 1, 1), fuzzy_with_tokens=True,
                                               tzinfos=_offset_only)
    except (ValueError, OverflowError):
        return None
    return value if _only_filler(skipped) else None


def _offset_only(name: str | None, offset: int | None) -> tzinfo | None:
    """The zone of a dateline's offset ("+0200", "UTC"); a word dateutil takes for a zone's name ("MI", an
    abbreviation in a byline) is none: the zones archiver knows by name are read before (``find_zone``)."""
    if offset is None:
        return None
    return timezone.utc if offset == 0 else timezone(timedelta(seconds=offset))


def _only_filler(skipped: tuple[str, ...]) -> bool:
    words = re.findall(r"[^\W\d_]+", " ".join(skipped))
    return all(_DATELINE_FILLER.match(word) for word in words)


# Words a dateline in another language may carry besides its date: weekdays, "um ... Uhr", "à", "de",
# and the words that say it was published ("Aktualisiert am ..." dates a revision, not the piece).
_DATELINE_WORDS = {
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "segunda", "terça", "quarta", "quinta", "sexta", "feira",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "am", "um", "uhr", "uur", "den", "der", "à", "a", "le", "de", "del", "el", "la", "las", "los", "às", "alle", "ore",
    "op", "om", "kl", "klo", "h", "m", "p", "o", "e",
    "veröffentlicht", "publié", "publicado", "publicada", "pubblicato", "gepubliceerd", "erstellt",
}
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,})\.?(?:,?\s+(?:de\s+)?(\d{4}))?(?!\d)")
_MONTH_DAY = re.compile(r"([^\W\d_]{3,})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?(?!\d)")
# "14:05", "19.32 Uhr", "9h30", "7:32 p. m."
_CLOCK = re.compile(r"(?<![\d.:/-])(\d{1,2})[:.h](\d{2})(?![\d.:/-]*\d)(?:\s*([ap])\.?\s*m\b\.?)?", re.I)


def _dateline_in_any_language(rest: str, default_year: int) -> datetime | None:
    words = re.findall(r"[^\W\d_]+", rest.casefold())
    if any(word not in MONTH_NUMBERS and word not in _DATELINE_WORDS for word in words):
        return None  # a clause of prose, not a date
    day = _day_with_month_word(rest, default_year)
    if day is None:
        days = shown_days(rest)  # "07.01.2024, 19:32": one reading only
        day = days[0] if len(days) == 1 else None
    if day is None:
        return None
    return datetime.combine(day, clock_time(rest) or time())


def _day_with_month_word(text: str, default_year: int) -> date | None:
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = MONTH_NUMBERS.get(parts["m"].casefold())
            if month is not None:
                days = _valid([(int(parts["y"] or default_year), month, int(parts["d"]))])
                return days[0] if days else None
    return None


def clock_time(text: str) -> time | None:
    """The time of day a short text prints ("14:05", "2:05 PM", "19.32 Uhr", "9h30"); None when none."""
    match = _CLOCK.search(text)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2)), (match.group(3) or "").lower()
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


# The zone most readers of a page in this language (or language-region) live in: a UTC timestamp
# is shown to them, and dated by its newsroom, in that zone's day.
_LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw", "cs": "Europe/Prague", "sv": "Europe/Stockholm", "da": "Europe/Copenhagen",
    "nb": "Europe/Oslo", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "hu": "Europe/Budapest",
    "tr": "Europe/Istanbul", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai", "vi": "Asia/Ho_Chi_Minh",
    "id": "Asia/Jakarta", "en-us": "America/New_York", "en-gb": "Europe/London", "pt-br": "America/Sao_Paulo",
    "pt-pt": "Europe/Lisbon", "es-es": "Europe/Madrid", "es-ar": "America/Argentina/Buenos_Aires",
    "es-uy": "America/Montevideo", "es-co": "America/Bogota", "es-mx": "America/Mexico_City", "es-cl": "America/Santiago",
    "es-pe": "America/Lima", "es-bo": "America/La_Paz", "es-py": "America/Asuncion", "es-ve": "America/Caracas",
}


def local_day_zone(language: str | None, host: str | None = None) -> tzinfo | None:
    """The zone a UTC timestamp is dated in for readers of ``language`` ("de", "pt-BR"), or None.

    A language without its region ("es") takes it from the site's country domain (a ".com.ar" site).
    """
    if not language:
        return None
    tag = language.lower()
    country = (host or "").lower().rsplit(".", 1)[-1]
    if "-" not in tag and f"{tag}-{country}" in _LANGUAGE_ZONES:
        tag = f"{tag}-{country}"
    name = _LANGUAGE_ZONES.get(tag) or (_LANGUAGE_ZONES.get(tag.split("-")[0]) if "-" not in tag or tag.split("-")[0] not in ("en", "es", "pt") else None)
    return ZoneInfo(name) if name else None


def is_utc(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() == timedelta(0)


# --------------------------------------------------------------------------------------------------
# A day as pages print it for readers: "19. Oktober 2019", "3 de mayo de 2022", "2022年5月3日", "4. 2. 2022"

# Month names as pages print them: English, German, French, Spanish, Portuguese, Italian, Catalan,
# Dutch, Scandinavian, Polish and Czech (genitive), Finnish, Hungarian, Romanian, Turkish,
# Indonesian and Malay, Slovak and Serbian (genitive), Russian, Ukrainian and Greek (genitive).
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen",
        "gener", "januari", "stycznia", "ledna", "tammikuuta", "január", "ianuarie", "ocak", "januára", "januara",
        "января", "січня", "ιανουαρίου"),
    2: ("february", "feb", "februar", "février", "févr", "fevrier", "febrero", "fevereiro", "fev", "febbraio",
        "febrer", "februari", "lutego", "února", "helmikuuta", "február", "februarie", "şubat", "februára",
        "februara", "февраля", "лютого", "φεβρουαρίου"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "març", "maart", "mrt", "marts",
        "marca", "března", "maaliskuuta", "március", "martie", "mart", "maret", "марта", "березня", "μαρτίου"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "dubna", "huhtikuuta", "április",
        "aprilie", "nisan", "apríla", "aprila", "апреля", "квітня", "απριλίου"),
    5: ("may", "mai", "mayo", "maio", "maggio", "mag", "maig", "mei", "maj", "maja", "května", "toukokuuta",
        "május", "mayıs", "mája", "мая", "травня", "μαΐου"),
    6: ("june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "juny", "czerwca", "června", "kesäkuuta",
        "június", "iunie", "haziran", "júna", "juna", "июня", "червня", "ιουνίου"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "juliol", "lipca", "července",
        "heinäkuuta", "július", "iulie", "temmuz", "júla", "jula", "июля", "липня", "ιουλίου"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "agost", "augustus", "augusti", "sierpnia", "srpna",
        "elokuuta", "augusztus", "ağustos", "agustus", "ogos", "augusta", "avgusta", "августа", "серпня",
        "αυγούστου"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "settembre", "set",
        "setembre", "września", "září", "syyskuuta", "szeptember", "septembrie", "eylül", "septembra", "сентября",
        "вересня", "σεπτεμβρίου"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott",
         "października", "října", "lokakuuta", "október", "octombrie", "ekim", "októbra", "oktobra", "октября",
         "жовтня", "οκτωβρίου"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopadu", "marraskuuta",
         "noiembrie", "kasım", "novembra", "ноября", "листопада", "νοεμβρίου"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre", "dic", "dezembro", "dicembre",
         "desembre", "desember", "grudnia", "prosince", "joulukuuta", "decembrie", "aralık", "disember", "decembra",
         "декабря", "грудня", "δεκεμβρίου"),
}
MONTH_NUMBERS: dict[str, int] = {word: month for month, words in _MONTH_WORDS.items() for word in words}
_WORD = r"([^\W\d_]{3,})\.?"
_DAY_WORD_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|[.º°])?\s+(?:de\s+|of\s+)?{_WORD},?\s+(?:de\s+|del\s+)?(\d{{4}})(?!\d)")
_WORD_DAY_YEAR = re.compile(rf"{_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)")
_YEAR_WORD_DAY = re.compile(rf"(?<!\d)(\d{{4}})\.?\s+{_WORD}\s+(\d{{1,2}})\.?(?!\d)")  # "2022. május 3."
_YEAR_MONTH_DAY_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# WordPress's default date format ("F j, Y") in Japanese, Chinese and Korean, whose month names are numbers:
# "8月 31, 2020", "8월 31, 2020".
_MONTH_DAY_YEAR_CJK = re.compile(r"(?<!\d)(\d{1,2})\s*[月월]\s*(\d{1,2}),?\s*(\d{4})(?!\d)")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC_DAY = re.compile(r"(?<![\d.,/-])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/-]|\.\d)")


def shown_days(text: str, month_first: bool = False) -> list[date]:
    """The calendar day a short printed text gives, as ``[day]``, or ``[day, other]`` when it is a
    numeric date that reads either way ("03/05/2022"); ``[]`` when the text holds no full date
    (a month and year alone is no day) or lists several days (a date picker, "updated ... created ...").

    ``month_first``: the page's readers write month/day/year (American English).
    """
    text = " ".join(text.split())
    found: list[list[date]] = []
    long_form = regex_parse(text)  # htmldate's long forms ("March 3, 2022", "3. März 2022")
    if long_form is not None:
        found.append([long_form.date()])
    found.extend(_word_month_days(text))
    for match in _YEAR_MONTH_DAY_CJK.finditer(text):
        found.append(_valid([(int(match.group(1)), int(match.group(2)), int(match.group(3)))]))
    for match in _MONTH_DAY_YEAR_CJK.finditer(text):
        found.append(_valid([(int(match.group(3)), int(match.group(1)), int(match.group(2)))]))
    for match in _ISO_DAY.finditer(text):
        found.append(_valid([(int(match.group(1)), int(match.group(2)), int(match.group(3)))]))
    for match in _NUMERIC_DAY.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(3)), _full_year(match.group(4))
        readings = [(year, second, first)]  # day.month.year: dots are never month first
        if match.group(2) != ".":
            readings.insert(0 if month_first else 1, (year, first, second))
        found.append(_valid(readings))
    distinct = {frozenset(days) for days in found if days}
    if len(distinct) != 1:
        return []
    return next(days for days in found if days)


def _word_month_days(text: str) -> list[list[date]]:
    found = []
    for pattern, order in ((_DAY_WORD_YEAR, "dmy"), (_WORD_DAY_YEAR, "mdy"), (_YEAR_WORD_DAY, "ymd")):
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = MONTH_NUMBERS.get(parts["m"].lower())
            if month is not None:
                found.append(_valid([(int(parts["y"]), month, int(parts["d"]))]))
    return found


def _full_year(digits: str) -> int:
    year = int(digits)
    return year if len(digits) == 4 else 2000 + year if year < 70 else 1900 + year


def _valid(readings: list[tuple[int, int, int]]) -> list[date]:
    days = []
    for year, month, day in readings:
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value not in days:
            days.append(value)
    return days


def day_pattern(day: date) -> re.Pattern[str]:
    """A pattern for ``day`` as pages print it: 2022-02-01, 1.2.2022, 01/02/22, 2/1/2022, 1. Februar 2022,
    February 1st, 2022, 1 de febrero de 2022, 2022年2月1日."""
    d, m, y, yy = day.day, day.month, day.year, f"{day.year % 100:02d}"
    months = "|".join(sorted((re.escape(w) for w in _MONTH_WORDS[m]), key=len, reverse=True))
    forms = (
        rf"{y}\s*[-/.年]\s*0?{m}\s*[-/.月]\s*0?{d}(?!\d)",
        rf"(?<!\d)0?{d}\s?[./-]\s?0?{m}\s?[./-]\s?(?:{y}|{yy})(?!\d)",
        rf"(?<!\d)0?{m}/0?{d}/(?:{y}|{yy})(?!\d)",
        rf"(?<!\d)0?{d}(?:st|nd|rd|th|er|[.º°])?\s+(?:de\s+|of\s+)?(?:{months})\.?,?\s+(?:de\s+|del\s+)?{y}(?!\d)",
        rf"(?:{months})\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}(?!\d)",
    )
    return re.compile("|".join(forms), re.I)


# --------------------------------------------------------------------------------------------------
# Relative days: "2 hours ago", "vor 3 Tagen", "il y a 2 jours", "hace 5 días", "ieri", "yesterday"

_UNIT_WORDS = {
    timedelta(minutes=1): ("minute", "minutes", "min", "mins", "minuten", "minuti", "minuto", "minutos"),
    timedelta(hours=1): ("hour", "hours", "hr", "hrs", "stunde", "stunden", "heure", "heures", "hora", "horas",
                         "ora", "ore", "uur"),
    timedelta(days=1): ("day", "days", "tag", "tagen", "jour", "jours", "día", "días", "dia", "dias", "giorno",
                        "giorni", "dag", "dagen"),
    timedelta(weeks=1): ("week", "weeks", "woche", "wochen", "semaine", "semaines", "semana", "semanas",
                         "settimana", "settimane", "weken"),
}
_UNIT_SPAN = {word: span for span, words in _UNIT_WORDS.items() for word in words}
_UNITS = "|".join(sorted(_UNIT_SPAN, key=len, reverse=True))
_RELATIVE = re.compile(
    rf"(?:\b(?:vor|il\s+y\s+a|hace|há|ha)\s+(?P<n1>\d{{1,2}}|an?|one|einer?|einem|un|une|una)\s+(?P<u1>{_UNITS})\b"
    rf"|\b(?P<n2>\d{{1,2}}|an?|one)\s+(?P<u2>{_UNITS})\s+(?:ago|fa|geleden)\b)",
    re.I)
_DAYS_BACK = {
    "today": 0, "heute": 0, "aujourd'hui": 0, "hoy": 0, "oggi": 0, "hoje": 0, "vandaag": 0,
    "yesterday": 1, "gestern": 1, "hier": 1, "ayer": 1, "ieri": 1, "ontem": 1, "gisteren": 1,
}
_NAMED_DAY = re.compile(r"^\W*(" + "|".join(re.escape(w) for w in _DAYS_BACK) + r")\b", re.I)


def relative_day(text: str, reference: datetime) -> date | None:
    """The day a relative time printed at ``reference`` (when the page was fetched) points to:
    "vor 3 Tagen" is three days before; hours and minutes ago are counted back from the time itself."""
    text = " ".join(text.split())
    match = _RELATIVE.search(text)
    if match:
        count = match.group("n1") or match.group("n2")
        span = _UNIT_SPAN[(match.group("u1") or match.group("u2")).lower()]
        return (reference - (int(count) if count.isdigit() else 1) * span).date()
    named = _NAMED_DAY.match(text)
    if named:
        return (reference - timedelta(days=_DAYS_BACK[named.group(1).lower()])).date()
    return None


def is_named_day(text: str) -> bool:
    """The text opens with "today", "yesterday" or their like in another language."""
    return _NAMED_DAY.match(text) is not None
