"""Body text: trafilatura's text of the post, then the lines that are not the piece taken off."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree
import trafilatura
from lxml.html import HtmlElement

from archiver.extraction.byline import parse_byline_line
from archiver.extraction.dates import ParsedDate, parse_dateline
from archiver.extraction.dom import VISIBLE_TEXT, block_lines, element_text, has_class

# Lines that belong to the page's furniture, not to the piece. Matched on whole lines only.
_BOILERPLATE = re.compile(
    r"^(?:no comments?:?|\d+ comments?:?|post a comment|share this:?|share on \w+|"
    r"share to (?:twitter|facebook|pinterest)|email this|blogthis!?|subscribe to:.*|"
    r"labels?:.*|related posts?:?|you may also like:?|like this:?|loading\.\.\.|"
    r"click to share on .*|leave a (?:comment|reply)|newer posts?|older posts?|home|"
    r"read more:?|advertisement|(?:follow|subscribe)(?: us)? on .*|"
    r"(?:%d|\d+) (?:bloggers? like this|bloggern gefällt das|blogueurs aiment cette page)\W*|"
    r"kommentar (?:abgeben|schreiben)|schreibe einen kommentar|write a comment|add a comment|"
    r"(?:artikel|beitrag) teilen|teilen auf .*|tweet|compartir|partager)$",
    re.I,
)
# Headings of the lists of other pieces a page shows under the text ("Related", "Lesen Sie auch",
# "Le puede interesar"), in the languages the archive meets most: a whole line, or the label of a pointer line.
_OTHER_PIECES_WORDS = (
    r"(?:related(?: articles| posts| stories| content| coverage| topics)?|more (?:on|from|about) .{1,40}|"
    r"(?:also|further) read(?:ing)?|read (?:also|next)|see also|you (?:may|might) also (?:like|enjoy)|"
    r"recommended(?: for you| reading| articles| stories)?|more stories|top stories|don'?t miss|keep reading|"
    r"view comments|"
    r"auch interessant|(?:das )?(?:könnte|dürfte) (?:sie|dich) auch interessieren|lesen sie (?:auch|hier)|"
    r"lies auch|auch lesen|mehr zum thema(?: .{1,40})?|mehr (?:themen|artikel|beiträge)|"
    r"weitere (?:artikel|beiträge|themen|nachrichten|meldungen|links)(?: .{1,40})?|zum weiterlesen|schon gelesen|"
    r"(?:empfohlene|ähnliche|verwandte) (?:beiträge|artikel|themen)|top-?themen(?: .{1,40})?|"
    r"meistgelesene?(?: artikel)?|keine kommentare|lust auf mehr|"
    r"(?:lea|lee) (?:también|además|más)|(?:le|te) puede interesar|(?:también )?te puede interesar|"
    r"(?:notas|noticias|artículos|contenido) relacionad[oa]s|más noticias|(?:mira|vea|ver) también|te recomendamos|"
    r"à lire aussi|lire aussi|sur le même sujet|articles similaires|vous aimerez aussi|à voir aussi|"
    r"leggi anche|potrebbe interessarti|articoli correlati|leia também|veja também|"
    r"(?:notícias|artigos) relacionad[oa]s|czytaj (?:też|także|również)|zobacz (?:też|także|również)|"
    r"dowiedz się więcej|polecamy|lees ook|gerelateerde artikelen|"
    r"continue reading|weiterlesen|mehr lesen|lesen sie mehr|weiterführende links|seguir leyendo|más información|"
    r"más leíd[oa]s(?: .{1,30})?|lue seuraavaksi|lue (?:aiheesta )?lisää|lue myös)"
)
_OTHER_PIECES = re.compile(r"^" + _OTHER_PIECES_WORDS + r"\s*[:?!.…»]*$", re.I)
# A pointer to one other piece under such a label, on one line: "Lea también: <headline>",
# "ALSO READ | <headline>". The label ends in a colon or a bar, and a headline is short.
_POINTER_LINE = re.compile(
    r"^\W*(?:" + _OTHER_PIECES_WORDS + r"|read more|more|lea|lee|vea|puedes ver|read)\s*[:|»>]+\s*\S.{0,200}$",
    re.I,
)
# A line that announces pointers or more reading below it: "Lesen Sie auch die folgenden Beiträge:",
# "Mehr zur Lage lesen Sie in unserem Liveblog:". Short, ends with a colon, holds such words anywhere.
_POINTER_HEADING = re.compile(
    _OTHER_PIECES_WORDS + r"|liveblog|(?:weitere|mehr) informationen|more information|further (?:information|reading)",
    re.I,
)
_POINTER_HEADING_MAX = 120
# The comment box's prompt to log in: "Du musst eingeloggt sein, um Kommentare zu schreiben".
_LOGIN_PROMPT = re.compile(
    r"\b(?:musst|müssen sie) (?:dich |sich )?(?:eingeloggt sein|einloggen)|\bnicht eingeloggt\b|"
    r"\bloggen sie sich (?:bitte )?ein\b|\bmust be logged in\b|\blog in to (?:post|leave|write) a comment\b",
    re.I,
)
# The page's requests for readers' letters, and its notices on cookies and on embedded content held back
# until the reader consents: "Submit a letter to the editor", "Ein Klick für den Datenschutz".
_READER_NOTICE = re.compile(
    r"\bletters? to the editor\b|\bfeedback zu diesem artikel\b|\bwe want to hear what you think\b|"
    r"\b(?:this|our) (?:web)?site uses cookies\b|\bwebsite werden cookies\b|\b(?:verwendet|nutzt) cookies\b|"
    r"\butili[sz]a(?:mos)? cookies\b|\butilise des cookies\b|\bein klick für den datenschutz\b|"
    r"\bum (?:den|die) inhalte? von .{1,60} zu laden\b|\bfehler gefunden\b|\breport an? (?:error|typo|correction)\b",
    re.I,
)
# The page's rights notice: "© 2020 Example Inc. All rights reserved", "Copyright: X, 2025", and a
# caption's credit at a line's end ("The harbour at dawn. © Jane Doe").
_RIGHTS_PHRASE = (
    r"(?:all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|"
    r"tutti i diritti riservati|wszelkie prawa zastrzeżone|todos os direitos reservados|"
    r"materiał chroniony prawem autorskim)"
)
# The rights phrase counts where it starts the line or comes with a © or a year: prose about copyright stays.
_RIGHTS_LINE = re.compile(
    r"^\W*(?:©|\(c\)\s|copyright\b)|©\s*[^.!?©:()]{1,60}$|"
    rf"^\W*{_RIGHTS_PHRASE}|(?:©|\b\d{{4}}\b).*\b{_RIGHTS_PHRASE}\b",
    re.I,
)
# A picture's or a report's credit line, or a figure's caption: "Foto: Jane Doe", "(Credit: X / Agency)",
# "Titelbild: ...", "Quelle: dpa", "Abbildung 4: ...".
_CREDIT_LINE = re.compile(
    r"^\W*(?:photos?|fotos?|fot\.|bild(?:er|quelle)?|images?|credits?|crédits? photos?|photo ?credits?|fotocredits?|"
    r"image credits?|image illustrative|titelbild|beitragsbild|headerbild|aufmacherbild|symbolbild|symbolgrafik|"
    r"rubriklistenbild|quellen?|sources?|fuentes?|fonte|źródło|bron)\s*:|"
    r"^\W*(?:abbildung|abb\.|figure|fig\.|grafik|gráfico|grafico)\s*\d+\s*[:.]",
    re.I,
)
# A disclosure of advertising or affiliate links: "Anzeige, enthält Affiliate Links", "*Werbung. Dieser Beitrag ...",
# "We may receive compensation when you click on links to those products".
_DISCLOSURE = re.compile(
    r"\baffiliate[- ]?links?\b|"
    r"\b(?:we|wir) (?:may )?(?:receive|earn|erhalten) (?:a )?(?:compensation|commission|provision)\b|"
    r"\badvertisers? (?:do not|don't) influence\b|\bcontains references to products from\b|"
    r"^\W*(?:werbung|anzeige|sponsored|publicidad|advertorial)\s*[.:,]",
    re.I,
)
# The page's meta line about the piece's dates: "Letzte Änderung 14.02.2019", "Last updated: 13 July 2020",
# "Release Date:". Only a label, then a date (with digits) or nothing.
_DATE_META_LINE = re.compile(
    r"^\W*(?:letzte änderung|zuletzt (?:aktualisiert|geändert)|aktualisiert(?: am)?|last (?:modified|updated)|"
    r"updated(?: on)?|stand(?: des artikels)?|veröffentlicht(?: am)?|veröffentlichung|published(?: on)?|"
    r"release date|erstellt(?: am)?|datum|date|publicado(?: el)?|actualizado(?: el)?|mis à jour(?: le)?|publié le|"
    # A blog template's entry footer: "Posted by Jane Roe at December 25, 2005 06:35 PM | Comments (2)".
    r"posted by [^|\d]{1,40}? (?:at|on))"
    r"\b\s*:?\s*(?:$|(?=.*\d).{0,60}$)",
    re.I,
)
# Headings of the appendix under a piece (sources, contact, more information, tags) and of a table of contents.
_APPENDIX_HEADING = re.compile(
    r"^(?:inhaltsverzeichnis|table of contents|contents|índice|sommaire|spis treści|"
    r"kontakt|pressekontakt|contact|press contact|media contact|weitere informationen|mehr informationen|"
    r"zusatzinformationen|further information|more information|quellen|quellenangaben|sources|fuentes|"
    r"originalpublikation|original publication|"
    r"tags|schlagw[öo]rter|schlagworte|stichw[öo]rter|etiketler|etiquetas|temas|themen|kategorien|categories|"
    # ... in other languages, a theme's term row left empty ("カテゴリー:") among them
    r"catégories|étiquettes|mots-clés|libellés|categorías|categorie|etichette|categorias|"
    r"カテゴリー|カテゴリ|タグ|分类|分類|标签|標籤|카테고리|태그)\s*[:：]?$",
    re.I,
)
# The page's call to subscribe or follow: "Sign up for our newsletter", "Zum Newsletter anmelden",
# "Síguenos en Telegram e Instagram", "Subscribe now for the full story", "Support our work", "Download our app
# for iOS". Only on short lines (_SHORT_LINE).
_NEWSLETTER = r"(?:newsletter|boletín|infolettre|nieuwsbrief)"
_SIGN_UP = r"(?:sign(?:ing)? ?up|subscri\w*|abonn\w*|anmeld\w*|melde dich|suscr\w*|inscri\w*|registr\w*)"
_PLATFORMS = (
    r"(?:twitter|facebook|instagram|telegram|youtube|tiktok|linkedin|whatsapp|threads|bluesky|mastodon|google news)"
)
_CALL_TO_ACTION = re.compile(
    rf"{_NEWSLETTER}.{{0,120}}\b{_SIGN_UP}|\b{_SIGN_UP}.{{0,120}}{_NEWSLETTER}|"
    r"\b(?:follow|folg(?:en sie|t|e) (?:uns|mir)|s[íi]gu?e(?:nos)?|siga-nos|suivez-nous|seguici|obserwuj)\b"
    rf".{{0,80}}\b{_PLATFORMS}\b|"
    r"\bsign up (?:here|now|today|for free)\b|\bfree sign ?up\b|\bnever miss (?:our|the latest)\b|"
    r"\bsubscribe (?:now|today)\b|\b(?:please|to) subscribe\b|"
    r"\balready (?:a )?(?:subscriber|subscribed)\b|\bfull story\b.{0,40}\bsubscri|\bsubscri\w*.{0,60}\bfull story\b|"
    r"\bsupport(?:ing)? (?:our|us|independent) (?:work|journalism)\b|\bwould you consider supporting\b|"
    r"\bunterstütze (?:uns|unsere arbeit|unser magazin)\b|\bunterstütze \w+ (?:bereits|jetzt) mit\b|"
    r"\b(?:please )?donate(?: now| today| here)?\W*$|\bspenden sie\b|\bhazte (?:miembro|socio)\b|\bapoie o\b|"
    r"\bwesprzyj nas\b|\bsoutenez[- ]nous\b|"
    r"\bdownload (?:the|our) .{0,40}\bapps?\b|\bapps? (?:for|für) (?:ios|android)\b|"
    r"-app\b.{0,20}\b(?:für|for) (?:android|ios)\b",
    re.I,
)
# Words one of which every line the patterns above take holds (_CREDIT_LINE aside): a quick test in C spares
# most lines the costly searches. A word added to a pattern needs its hint here.
_FURNITURE_HINTS = (
    # _CALL_TO_ACTION
    "newsletter", "boletín", "infolettre", "nieuwsbrief", "follow", "folgen sie", "folgt ", "folge ", "sigu", "sígu",
    "sige", "síge", "siga-nos", "suivez", "seguici", "obserwuj", "sign up", "signup", "signing up", "never miss",
    "subscri", "support", "unterstütze", "donate", "spenden", "hazte", "apoie", "wesprzyj", "soutenez", "download",
    "android", " ios",
    # _RIGHTS_LINE
    "©", "(c) ", "copyright", "rights reserved", "rechte vorbehalten", "derechos reservados", "droits réservés",
    "diritti riservati", "prawa zastrzeżone", "direitos reservados", "chroniony prawem",
    # _DISCLOSURE
    "affiliate", "compensation", "commission", "provision", "advertiser", "references to products", "werbung",
    "anzeige", "sponsored", "publicidad", "advertorial",
    # _LOGIN_PROMPT
    "eingeloggt", "einloggen", "loggen sie", "logged in", "log in to",
    # _READER_NOTICE
    "editor", "feedback zu", "hear what you think", "cookies", "datenschutz", "zu laden", "fehler gefunden", "report a",
)
_SHORT_LINE = 250  # characters: furniture is short, a longer line is prose that mentions it
_META_LINE_MAX = 80
_LEAD_LINES = 6
_TINY_TEXT = 250  # characters: below this, trafilatura's text is a stub
# The element that holds one whole post (title, text, footer) in blog and CMS templates.
_POST_CONTAINER = re.compile(r"(?:^|\s)(?:post|hentry|h-entry|post-outer|type-post|single-post)(?:\s|$)")


@dataclass
class BodyParts:
    """The body text and the lead lines that were taken out of it."""

    body: str | None
    byline: list[str] = field(default_factory=list)
    byline_raw: str | None = None
    dateline: ParsedDate | None = None


@dataclass
class Intro:
    """A piece's intro (lead paragraph, teaser) found above its text, and the headline it sits under."""

    headline: str
    paragraphs: list[str]


class TextLines(list):
    """The body's text lines, with the intros trafilatura left out (they sit above the text)."""

    intros: list[Intro] = []


def _as_page(element: HtmlElement) -> HtmlElement:
    """A page of its own holding a copy of ``element`` in an ``<article>``, for trafilatura to read (and
    change). Copied as a tree, not written out and parsed again: a parser would drop what sits below
    its default nesting limit of 256 levels, which a page of unclosed tags reaches."""
    page = lxml.html.document_fromstring("<html><body><article></article></body></html>")
    page.find(".//article").append(copy.deepcopy(element))
    return page


# What a post's container holds besides its text: its headline and its meta lines (by, posted in, tagged).
# (Subheadings and a deck in the container's header are the post's own.)
_HEADLINE_AND_META = etree.XPath(
    ".//h1 | .//footer | .//*[contains(@class, 'entry-title') or contains(@class, 'post-title') or "
    "contains(@class, 'meta') or contains(@class, 'byline') or contains(@class, 'utility') or "
    "contains(@class, 'footer')]")


def _without_headline_and_meta(container: HtmlElement, root: HtmlElement) -> HtmlElement:
    """A copy of the post's container without its headline and meta lines (but never without ``root``):
    what is left beside the post's element is text the element did not hold."""
    root.set("data-archiver-root", "")
    try:
        wider = copy.deepcopy(container)
    finally:
        del root.attrib["data-archiver-root"]
    for node in _HEADLINE_AND_META(wider):
        if node.getparent() is not None and node.get("data-archiver-root") is None and \
                not node.xpath(".//*[@data-archiver-root]"):
            node.drop_tree()
    return wider


def _visible_chars(text: str) -> int:
    return len("".join(text.split()))


def text_lines(root: HtmlElement | None, tree: HtmlElement, url: str | None) -> TextLines:
    """trafilatura's text lines: of ``root`` when the platform knows the post's element, else of the page.

    Lines that only point to other pieces are left out; the piece's intros that trafilatura did not
    take (they sit above the text) come along for ``split_body`` to choose from by the title.
    """
    unwrap_text(root if root is not None else tree)
    drop_share_buttons(root if root is not None else tree)
    drop_code_line_numbers(root if root is not None else tree)
    intros = find_intros(tree)
    drop_standfirst(root if root is not None else tree)
    pointers = link_lines(root if root is not None else tree)
    if root is not None:
        result = trafilatura.bare_extraction(
            _as_page(root), url=url, include_comments=False, include_tables=True,
            with_metadata=False, favor_recall=True,
        )
    else:
        result = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, with_metadata=False
        )
    text = getattr(result, "text", None) or ""
    if len(text) < _TINY_TEXT and root is not None:
        # A short post (a line, a photo and its caption), or a stub element beside the text in the same
        # post: the post's own container, never the page, whose sidebar text gadget is no post's body.
        container = next((a for a in root.iterancestors() if a.tag == "article" or _POST_CONTAINER.search(
            a.get("class") or "")), None)
        own = block_lines(root)  # not trafilatura's tiny-page fallback, which breaks a line at every link
        wider = ""
        if container is not None:
            found = trafilatura.bare_extraction(_as_page(_without_headline_and_meta(container, root)), url=url,
                                                favor_recall=True, include_comments=False, include_tables=True,
                                                with_metadata=False)
            wider = getattr(found, "text", None) or ""
        # The container's text is the post's only when the element held little of it (a stub beside the
        # text); otherwise it adds just the title and the footer.
        text = max([wider if len(own) < len(wider) / 2 else own, text], key=_visible_chars)  # a tie: ours
    elif len(text) < _TINY_TEXT:
        # Next to nothing: the text sits where trafilatura did not look. A second, wider pass over the
        # page is worth its cost on these few pages only.
        wider_pass = trafilatura.bare_extraction(
            tree, url=url, favor_recall=True, include_comments=False, include_tables=True, with_metadata=False
        )
        wider_text = getattr(wider_pass, "text", None) or ""
        if len(wider_text) > len(text):
            text = wider_text
    lines = TextLines(
        " ".join(line.split()) for line in text.splitlines() if line.strip() and _squash_all(line) not in pointers
    )
    lines.intros = [intro for intro in intros if not _contains(lines, intro.paragraphs[0])]
    return lines


# Class names of a piece's intro: the lead paragraph or teaser printed between headline and text.
# A headline's own summary line (dek, standfirst, subtitle) is not among them: it belongs to the heading.
_INTRO_WORDS = (
    "lead", "lede", "intro", "teaser", "excerpt", "summary", "chapo", "abstract", "description", "bajada",
    "entradilla", "sumario", "chapeau", "vorspann",
)
_INTRO_CLASS = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(_INTRO_WORDS) + r")(?:[\s_-]|$)"
    r"|(?-i:[a-z](?:" + "|".join(w.capitalize() for w in _INTRO_WORDS) + r")(?:[A-Z\s_-]|$))",
    re.I,
)
_INTRO_TAGS = ("p", "div", "h2", "h3", "span", "section")


def _intro_candidates(tree: HtmlElement) -> list[HtmlElement]:
    # One walk over the block tags (in C); the class test in Python.
    return [e for e in tree.iter(_INTRO_TAGS) if _INTRO_CLASS.search(e.get("class") or "")]


_H1_BEFORE = etree.XPath("preceding::h1[1]")
_HEADING_BEFORE = etree.XPath("preceding::*[self::h1 or self::h2][1]")
_MAX_INTROS = 6
# An intro is running text: a block holding a form, a table or a figure is something else.
_HAS_BLOCKS = etree.XPath("boolean(.//h1 | .//form | .//input | .//button | .//table | .//figure | .//iframe)")
# Blocks that are not the piece's intro though their class may say "description" or "summary".
_NOT_INTRO = re.compile(
    r"dek\b|deck|standfirst|sub-?headline|subtitle|sidebar|related|comment|widget|recommend|newsletter|subscri|footer|promo|share|social|nav|menu|"
    r"author|bio\b|profile|caption|credit|photo|image|media|video|cookie|consent|modal|site-|brand|masthead",
    re.I,
)
_INTRO_REACH = 4  # levels up from the intro to the block it shares with the headline


def find_intros(tree: HtmlElement) -> list[Intro]:
    """Intros: lead or teaser paragraphs marked by their class, just below a headline, in page order.

    An intro printed as several paragraphs side by side (same parent, same class) is taken whole.
    Which headline is the piece's own is for the caller to say, from the title.
    """
    intros: list[Intro] = []
    group: list[HtmlElement] = []
    for candidate in _intro_candidates(tree):
        if group and candidate.getparent() is group[0].getparent() and candidate.get("class") == group[0].get("class"):
            if _is_prose(candidate, element_text(candidate)):
                group.append(candidate)
            continue
        if group:
            intros[-1].paragraphs.extend(element_text(e) for e in group)
            group = []
            if len(intros) == _MAX_INTROS:
                break
        if _NOT_INTRO.search(_marks(candidate)) or _HAS_BLOCKS(candidate) or _is_other_teaser(candidate):
            continue
        headline = _headline_of(candidate)
        text = element_text(candidate)
        if headline is not None and _is_prose(candidate, text) and not _same_text(text, headline):
            intros.append(Intro(headline, []))
            group = [candidate]
    if group:
        intros[-1].paragraphs.extend(element_text(e) for e in group)
    # Where no class marks the intro, the paragraph right under a headline may still be one.
    intros.extend(_adjacent_intros(tree))
    return intros


_TEASER_CLASS = re.compile(r"teaser", re.I)
_CARD_TAGS = {"img", "picture", "h2", "h3", "h4"}
# The link of a teaser to the piece it announces: "mehr", "more", "weiterlesen", "leer más", "lire la suite".
_MORE_LINK = re.compile(r"^\W*(?:mehr|more|weiter(?:lesen)?|read more|leer más|lire la suite|continua(?:r)?)\b", re.I)


def _is_other_teaser(candidate: HtmlElement) -> bool:
    """Whether a teaser announces another page: it links there with a "more" link, a linked picture or
    heading, or links over much of its text. A piece's own lead may hold a link in its prose."""
    if not _TEASER_CLASS.search(candidate.get("class") or ""):
        return False
    text = " ".join(candidate.text_content().split())
    linked = 0
    for link in candidate.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        link_text = " ".join(link.text_content().split())
        if _MORE_LINK.match(link_text) or any(child.tag in _CARD_TAGS for child in link.iter()):
            return True
        linked += len(link_text)
    return linked > 0.3 * len(text)


def _holds_text(block: HtmlElement) -> bool:
    """Whether a block holds text itself, or only inline elements: not a wrapper of other blocks."""
    if (block.text or "").strip() or any((child.tail or "").strip() for child in block):
        return True
    return all(child.tag in _INLINE for child in block if isinstance(child.tag, str))


_INLINE = {"span", "strong", "b", "a", "em", "i", "br"}
_HEADLINES = etree.XPath("//h1 | //hgroup/h2 | //header//h2")
_NEXT_BLOCKS = etree.XPath("following::*[self::p or self::div][position() <= 12]")
# A page's meta line under a headline: "By X | June 2, 2020", "Veröffentlicht am ...", breadcrumbs.
_META_LINE = re.compile(
    r"^\W*(?:by|von|par|por|di|door|written|published|posted|updated|veröffentlicht|aktualisiert|stand|"
    r"sie sind hier|you are here)\b|[|·•›]|\s/\s|\d{4}-\d{2}-\d{2}|\b\d{1,2}[.:]\d{2}\s*(?:uhr|am|pm|h)\b|"
    r"\b\d{1,2}\.\s*\w+\.?\s+\d{4}\b|\b[a-z]+\.?\s+\d{1,2},\s+\d{4}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|"
    r"\b\d{1,2} de \w+ de \d{4}\b",
    re.I,
)


def _adjacent_intros(tree: HtmlElement) -> list[Intro]:
    """The first paragraph right after each of the page's first headlines: the first block with text of
    its own (not only a wrapper of other blocks), if it is prose close under the headline."""
    intros = []
    for headline in _HEADLINES(tree)[:3]:
        for block in _NEXT_BLOCKS(headline):
            if not _holds_text(block):
                continue
            text = element_text(block)
            if len(text) < 40:
                continue
            if _NOT_INTRO.search(_marks(block)) or _HAS_BLOCKS(block) or not _near(block, headline):
                break
            if any(_is_other_teaser(node) for node in [block, *list(block.iterancestors())[:_INTRO_REACH]]):
                break
            if _is_prose(block, text) and not _META_LINE.search(text) and not _same_text(text, element_text(headline)):
                intros.append(Intro(element_text(headline), [text]))
            break
    return intros


def _headline_of(candidate: HtmlElement) -> str | None:
    """The headline just above a candidate intro: the nearest <h1>, else the nearest <h1> or <h2>."""
    for find in (_H1_BEFORE, _HEADING_BEFORE):
        before = find(candidate)
        if before and _near(candidate, before[0]):
            return element_text(before[0])
    return None


def _marks(element: HtmlElement) -> str:
    return (element.get("class") or "") + " " + (element.get("id") or "")


def _near(candidate: HtmlElement, headline: HtmlElement) -> bool:
    """Whether the candidate and the headline share a block a few levels up, with no furniture between."""
    around_headline = set(headline.iterancestors())
    node = candidate
    for _ in range(_INTRO_REACH):
        node = node.getparent()
        if node is None or node.tag in ("aside", "nav", "footer", "form", "figure", "body"):
            return False
        if node in around_headline:
            return True
        if _NOT_INTRO.search(_marks(node)):
            return False
    return False


def _is_prose(element: HtmlElement, text: str) -> bool:
    """A sentence or two of the piece's own words: not a byline, a date, or a link."""
    if not 40 <= len(text) <= 1200:
        return False
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    if linked > len(text) * 0.3:
        return False
    return parse_byline_line(text) is None and parse_dateline(text) is None


def _contains(lines: list[str], text: str) -> bool:
    """Whether trafilatura's lines already hold a text (its start, letters and digits only)."""
    squashed = _squash_all(text)[:100]
    return squashed in _squash_all(" ".join(lines))


def _squash_all(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


_STANDFIRST_NAMES = {"dek", "deck", "standfirst", "subheadline", "sub-headline", "article-summary"}
# A cheap substring test in XPath; the whole class names are then checked in Python.
_STANDFIRST = etree.XPath(
    ".//*[contains(@class, 'dek') or contains(@class, 'deck') or contains(@class, 'standfirst')"
    " or contains(@class, 'headline') or contains(@class, 'article-summary')]"
)


# Share buttons a post's own markup carries (an old theme's table of them after the text): links to the share
# endpoints of social sites, whatever their text ("Tweet", "ツイート").
_SHARE_LINKS = etree.XPath(
    ".//a[" + " or ".join(f"contains(@href, '{endpoint}')" for endpoint in (
        "twitter.com/share", "twitter.com/intent/tweet", "x.com/intent/", "facebook.com/sharer", "facebook.com/share.php",
        "linkedin.com/shareArticle", "pinterest.com/pin/create", "reddit.com/submit", "b.hatena.ne.jp/entry/",
        "social-plugins.line.me", "line.me/R/msg/", "api.whatsapp.com/send", "wa.me/?text=")) + "]")
_SHARE_BLOCKS = ("table", "ul", "ol", "div", "p")


# The line numbers code highlighters print beside the code: Hexo's and highlight.js's gutter cell, Pygments'
# and Rouge's, Prism's. Read as text they run into the code ("| 1 2 3 4 | public class …").
_CODE_LINE_NUMBERS = etree.XPath(
    f".//td[{has_class('gutter')} or {has_class('linenos')} or {has_class('rouge-gutter')}]"
    f" | .//div[{has_class('linenodiv')}] | .//span[{has_class('line-numbers-rows')}] | .//pre[{has_class('lineno')}]"
)


def drop_code_line_numbers(element: HtmlElement) -> None:
    """The numbers of a code block's lines are no part of the text."""
    for node in _CODE_LINE_NUMBERS(element):
        if node.getparent() is not None:
            node.drop_tree()


def drop_share_buttons(element: HtmlElement) -> None:
    """A block of share buttons is no part of the text: the table, list or paragraph whose only text is the
    buttons'. A share link inside a sentence stays with it."""
    for link in _SHARE_LINKS(element):
        block = next(link.iterancestors(*_SHARE_BLOCKS), None)
        if block is None or block is element or block.getparent() is None:
            continue  # the post's own element, or a block already dropped with another button
        buttons = set(_SHARE_LINKS(block))
        if not any(text.strip() and buttons.isdisjoint(_links_holding(text)) for text in _SHOWN_TEXT(block)):
            block.drop_tree()


def _links_holding(text: Any) -> list[HtmlElement]:
    """The links a text node of lxml's is inside (a tail is its element's parent's text, not the element's)."""
    owner = text.getparent().getparent() if text.is_tail else text.getparent()
    return [] if owner is None else [owner, *owner.iterancestors("a")]


_SHOWN_TEXT = etree.XPath(VISIBLE_TEXT)


def drop_standfirst(element: HtmlElement) -> None:
    """A headline's summary line (dek, standfirst) belongs to the heading, not to the body."""
    for node in _STANDFIRST(element):
        if _STANDFIRST_NAMES.isdisjoint(node.get("class").split()):
            continue
        if node.getparent() is not None and len(node.text_content()) < 400:
            node.drop_tree()


_LINK_LINES = etree.XPath(".//p[.//a] | .//li[.//a] | .//h3[.//a] | .//h4[.//a] | .//h5[.//a] | .//h6[.//a]")
# The short label of a pointer to another piece: "Read more:", "Lea también:", "ALSO READ |", ">>", "-".
_LINK_LABEL = re.compile(r"^\W*(?:[^\W\d][\w'’.-]*\s+){0,5}[^\W\d][\w'’.-]*\s*[:|»>]+\s*$|^\W+$")


def link_lines(element: HtmlElement) -> set[str]:
    """Pointers to other pieces: lines that are a link under a short label ("Read more: <a>...</a>"), and
    paragraphs or headings that are nothing but a link to another page (another piece's headline).

    They are matched against trafilatura's lines afterwards rather than cut from the page first,
    as cutting blocks would change which part of the page trafilatura takes for the text.
    """
    found = set()
    for node in _LINK_LINES(element):
        text = node.text_content()
        if len(text) > 300:
            continue
        links = node.findall(".//a")
        if node.tag != "li" and _is_headline_link(node, text, links):
            found.add(_squash_all(text))
            continue
        label = text[: max(0, text.find(links[0].text_content()))]
        if not label.strip() or not _LINK_LABEL.match(label):
            continue
        linked = "".join(a.text_content() for a in links)
        # Nothing but the label and the link: prose that only mentions a link stays.
        if len(linked.strip()) >= 15 and _squash_all(label) + _squash_all(linked) == _squash_all(text):
            found.add(_squash_all(text))
    found.update(_card_texts(element))
    return found


def _card_texts(element: HtmlElement) -> set[str]:
    """The texts of cards pointing to other pages, unless the page also prints the same text outside a
    link: a teaser of the piece itself repeats its intro, which stays."""
    cards = {_squash_all(node.text_content()) for node in _LINKED_BLOCKS(element) if not _stays_on_page(node)}
    cards.discard("")
    if cards:
        cards -= {_squash_all(node.text_content()) for node in _UNLINKED_BLOCKS(element)}
    return cards


# Blocks inside a link: the headline and teaser of a card that points to another page.
_LINKED_BLOCKS = etree.XPath(".//a[@href]//*[self::p or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")
_UNLINKED_BLOCKS = etree.XPath(".//*[self::p or self::h1 or self::h2 or self::h3 or self::h4][not(ancestor::a)]")


def _stays_on_page(node: HtmlElement) -> bool:
    """Whether the link around a block points within the page ("#..."), or nowhere."""
    for ancestor in node.iterancestors("a"):
        href = (ancestor.get("href") or "").strip()
        return not href or href.startswith(("#", "javascript:"))
    return True


# Link text that spells out an address: a source the piece cites, not a pointer to another piece.
_ADDRESS = re.compile(r"^\W*(?:https?://|www\.)|\S@\S|\.(?:com|org|net|de|html?)\b", re.I)


def _is_headline_link(node: HtmlElement, text: str, links: list[HtmlElement]) -> bool:
    """Whether a paragraph or heading is nothing but one link to another page: the headline of another piece."""
    if len(links) != 1:
        return False
    href = (links[0].get("href") or "").strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return False
    linked = links[0].text_content()
    squashed = _squash_all(linked)
    return len(squashed) >= 15 and squashed == _squash_all(text) and not _ADDRESS.search(linked)


_WRAPPED_TEXT = etree.XPath(".//text()[contains(., '\n') or contains(., '\r')]")


def unwrap_text(element: HtmlElement) -> None:
    """Join hard-wrapped text: a newline in the HTML source is a space unless inside <pre>.

    Blogger bodies are often hard-wrapped; only markup (<br>, <p>, <div>) breaks lines.
    """
    # Most pages hold no <pre>: then no text node needs its ancestors looked up.
    has_pre = element.find(".//pre") is not None
    for text in _WRAPPED_TEXT(element):
        owner = text.getparent()
        if text.is_tail:
            if not (has_pre and _in_pre(owner.getparent())):
                owner.tail = owner.tail.replace("\r", " ").replace("\n", " ")
        elif owner.tag not in ("script", "style") and not (has_pre and _in_pre(owner)):
            owner.text = owner.text.replace("\r", " ").replace("\n", " ")


def _in_pre(node: HtmlElement | None) -> bool:
    while node is not None:
        if node.tag == "pre":
            return True
        node = node.getparent()
    return False


def split_body(lines: list[str], title: str | None, reference: datetime | None) -> BodyParts:
    """Take the title, byline and dateline lines off the top, and furniture lines anywhere."""
    parts = BodyParts(body=None)
    start = 0
    for index, line in enumerate(lines[:_LEAD_LINES]):
        if title and (_same_text(line, title) or _is_kicker_and_title(line, title)):
            start = index + 1
            continue
        if not parts.byline:
            names = parse_byline_line(line)
            if names:
                parts.byline, parts.byline_raw = names, line
                start = index + 1
                continue
        if parts.dateline is None:
            dateline = parse_dateline(line, reference)
            if dateline is not None:
                parts.dateline = dateline
                start = index + 1
                continue
        break
    kept = [line for line in lines[start:] if not is_furniture(line)]
    for intro in getattr(lines, "intros", []):
        if _is_title(intro.headline, title):
            kept[:0] = intro.paragraphs
            break
    parts.body = "\n\n".join(kept) or None
    return parts


_LINE_MARKS = " |-–•*·>»"


def is_furniture(line: str) -> bool:
    """A line of the page's furniture: a share or comment prompt, a "related" heading or pointer, an appendix
    heading, a rights notice or picture credit, an advertising disclosure, a call to subscribe or follow, a
    meta line with the piece's dates."""
    # A whole-line label may come as a list item or a table cell: "- Related articles", "| Kommentare |".
    bare = line.strip(_LINE_MARKS)
    if _BOILERPLATE.match(bare) or _OTHER_PIECES.match(bare) or _APPENDIX_HEADING.match(bare):
        return True
    if _POINTER_LINE.match(line):
        return True
    if len(line) <= _POINTER_HEADING_MAX and line.endswith(":") and _POINTER_HEADING.search(line):
        return True
    if len(line) <= _META_LINE_MAX and _DATE_META_LINE.match(line):
        return True
    if len(line) > _SHORT_LINE:
        return False
    if _CREDIT_LINE.search(line):
        return True
    if not _has_furniture_hint(line.lower()):
        return False
    patterns = (_RIGHTS_LINE, _DISCLOSURE, _LOGIN_PROMPT, _READER_NOTICE, _CALL_TO_ACTION)
    return any(pattern.search(line) for pattern in patterns)


def _has_furniture_hint(lowered: str) -> bool:
    # A plain loop: a generator in any() costs more than the substring tests themselves.
    for hint in _FURNITURE_HINTS:
        if hint in lowered:
            return True
    return False


_KICKER_MAX = 50  # characters: a kicker ("Premier League", "Finanzmärkte") is a few words
_SENTENCE_ENDS = ".!?…。"


def _is_kicker_and_title(line: str, title: str) -> bool:
    """Whether a lead line is the title under a kicker printed on the same line: "Premier League Rückschlag im
    Titelkampf", "Angebliche Dekolonisierung: Warum Putin ...". A kicker starts with a capital or a digit."""
    squashed_title = _squash_all(title)
    if len(squashed_title) < 15 or not _squash_all(line).endswith(squashed_title):
        return False
    if line.rstrip()[-1:] in _SENTENCE_ENDS and title.rstrip()[-1:] not in _SENTENCE_ENDS:
        return False  # a sentence ending in the title's words ("He robbed Robin Hood." under "Robin Hood")
    words = re.findall(r"\w+", title)
    match = re.search(r"\W*".join(map(re.escape, words)) + r"\W*$", line, re.I) if words else None
    kicker = line[: match.start()].strip() if match else ""
    return 0 < len(kicker) <= _KICKER_MAX and not kicker[0].islower()


def _is_title(headline: str | None, title: str | None) -> bool:
    """Whether a headline is the piece's own title: it holds at least half of the title's words.

    A page's other headlines (the blog's name above a post, a teaser's title) share few of them,
    while the printed headline may be worded a little differently from the title tags.
    """
    if not headline or not title:
        return False
    title_words = set(re.findall(r"\w+", title.lower()))
    headline_words = set(re.findall(r"\w+", headline.lower()))
    return bool(title_words) and len(title_words & headline_words) >= 0.5 * len(title_words)


def _same_text(a: str, b: str) -> bool:
    return _squash_all(a) == _squash_all(b)
