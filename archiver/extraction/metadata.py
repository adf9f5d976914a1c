"""Page metadata any site may carry: JSON-LD articles, meta tags and the html lang attribute."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

import json_repair
from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.dates import parse_iso
from archiver.extraction.dom import microdata_item

#: schema.org types of a page that is one piece of writing (the spiders use them too)
ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "opinionnewsarticle", "reportagenewsarticle",
    "analysisnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "socialmediaposting",
    "posting", "report", "scholarlyarticle", "techarticle", "liveblogposting",
}
#: schema.org types of other pieces a person writes on a page of their own: their author is the page's
#: writer, though the page is no article (a forum thread's opening post, a health guide). Not Recipe or
#: HowTo: their author is often the site's account (devset half B: one credit invented, none gained)
AUTHORED_TYPES = {"discussionforumposting", "medicalwebpage"}


@dataclass
class PageMetadata:
    """What a page says about itself outside its text."""

    title: str | None = None
    title_rule: str | None = None
    authors: list[str] = field(default_factory=list)
    authors_rule: str | None = None
    published: str | None = None
    published_rule: str | None = None
    modified: str | None = None
    language: str | None = None
    language_rule: str | None = None
    site_name: str | None = None
    site_names: list[str] = field(default_factory=list)  #: the site's and publisher's own names
    org_authors: list[str] = field(default_factory=list)  #: organisations given as the author
    labelled_author: str | None = None  #: Yoast's twitter:label "Written by" / twitter:data
    is_article: bool = False  #: the page says it is an article (JSON-LD type, og:type)
    tags: list[str] = field(default_factory=list)  #: Open Graph's ``article:tag``, one meta each


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Read JSON-LD first (the most explicit), then meta tags."""
    meta = PageMetadata()
    articles, works, sites = _jsonld_articles(tree)
    meta.site_names.extend(sites)
    for article in articles:
        _from_jsonld(article, meta)
    for work in works:
        _authors_from_jsonld(work, meta)
    _from_meta_tags(tree, meta)
    _from_microdata(tree, meta)  # after og:title: a news site's microdata headline may hold its kicker or teaser
    return meta


_ITEMS = etree.XPath("//*[@itemscope][@itemtype]")
_ITEM_NAMES = etree.XPath(".//*[@itemprop='headline' or @itemprop='name']")


def microdata_articles(tree: HtmlElement) -> list[HtmlElement]:
    """The elements microdata types as an article: one on an article's page, several on a listing."""
    return [item for item in _ITEMS(tree) if _is_article_type(item.get("itemtype") or "")]


def _from_microdata(tree: HtmlElement, meta: PageMetadata) -> None:
    """The headline of the one element microdata types as an article: its ``headline``, else its ``name`` (a
    static generator's "<h2><a itemprop='name'>"), not a nested item's."""
    if meta.title:
        return  # most pages: no walk over their elements
    articles = microdata_articles(tree)
    if len(articles) != 1:
        return
    article = articles[0]
    names = [node for node in _ITEM_NAMES(article) if microdata_item(node) is article]
    for prop in ("headline", "name"):
        node = next((n for n in names if n.get("itemprop") == prop), None)
        text = " ".join((node.get("content") or node.text_content()).split()) if node is not None else ""
        if text:
            meta.title, meta.title_rule = text, f"microdata:{prop}"
            meta.is_article = True
            return


def _is_article_type(itemtype: str) -> bool:
    """Whether a microdata ``itemtype`` ("http://schema.org/BlogPosting"; it may name several) is an article's."""
    return any(name.rstrip("/").rsplit("/", 1)[-1].lower() in ARTICLE_TYPES for name in itemtype.split())


#: schema.org types of the site or the organisation behind it
SITE_TYPES = {"website", "organization", "newsmediaorganization", "corporation", "localbusiness"}


def _jsonld_articles(tree: HtmlElement) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """The article nodes of the page's JSON-LD, its other authored works' nodes, and the names its
    WebSite/Organization nodes give."""
    articles, works, sites = [], [], []
    by_id: dict[str, dict[str, Any]] = {}
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        nodes = read_jsonld(script)
        for node in nodes:
            if isinstance(node.get("@id"), str) and len(node) > 1:
                by_id.setdefault(node["@id"], node)
        for node in nodes:
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            lowered = {t.lower() for t in types if isinstance(t, str)}
            if lowered & ARTICLE_TYPES:
                articles.append(_resolve_authors(node, by_id))
            elif lowered & AUTHORED_TYPES:
                works.append(_resolve_authors(node, by_id))
            elif lowered & SITE_TYPES and isinstance(node.get("name"), str):
                sites.append(node["name"].strip())
    return articles, works, sites


def _resolve_authors(article: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Replace ``{"@id": ...}`` author references (Yoast's @graph) with the nodes they point to."""
    author = article.get("author")
    if author is None:
        return article
    items = author if isinstance(author, list) else [author]
    resolved = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        resolved.append(item)
    return {**article, "author": resolved}


def read_jsonld(text: str) -> list[dict[str, Any]]:
    """The nodes of one JSON-LD script, their strings HTML-unescaped: some generators (Ghost) escape them
    as HTML ("don&#x27;t"), which a script's text never decodes. A script that is not JSON as written is
    read as json-repair mends it: templates put comments in it ("/* Get Blogger profile url */"), end it
    with a ";", leave a quote in a headline unescaped."""
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        try:
            data = json_repair.loads(text)
        except (ValueError, RecursionError):
            return []
    except RecursionError:
        return []
    return jsonld_nodes(_unescaped(data))


def _unescaped(data: Any) -> Any:
    if isinstance(data, str):
        return html.unescape(data) if "&" in data else data
    if isinstance(data, list):
        return [_unescaped(item) for item in data]
    if isinstance(data, dict):
        return {key: _unescaped(value) for key, value in data.items()}
    return data


def jsonld_nodes(data: Any) -> list[dict[str, Any]]:
    """The nodes of a parsed JSON-LD block: its objects, in lists and in ``@graph`` at any depth."""
    if isinstance(data, list):
        return [node for item in data for node in jsonld_nodes(item)]
    if isinstance(data, dict):
        nodes = [data]
        if "@graph" in data:
            nodes += jsonld_nodes(data["@graph"])
        return nodes
    return []


def _from_jsonld(article: dict[str, Any], meta: PageMetadata) -> None:
    if not meta.title and isinstance(article.get("headline"), str):
        meta.title, meta.title_rule = article["headline"].strip() or None, "jsonld:headline"
    meta.is_article = True
    _authors_from_jsonld(article, meta)
    for key in ("publisher", "sourceOrganization"):
        publisher = article.get(key)
        for item in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                meta.site_names.append(item["name"].strip())
    if not meta.published and parse_iso(_text(article.get("datePublished"))):
        meta.published, meta.published_rule = _text(article["datePublished"]), "jsonld:datePublished"
    if not meta.modified and parse_iso(_text(article.get("dateModified"))):
        meta.modified = _text(article["dateModified"])
    if not meta.language and isinstance(article.get("inLanguage"), str):
        meta.language, meta.language_rule = article["inLanguage"], "jsonld:inLanguage"


def _authors_from_jsonld(node: dict[str, Any], meta: PageMetadata) -> None:
    if not meta.authors:
        names = _person_names(node.get("author"))
        if names:
            meta.authors, meta.authors_rule = names, "jsonld:author"
    if not meta.org_authors:
        meta.org_authors = _org_names(node.get("author"))


def _person_names(author: Any) -> list[str]:
    """Names of the Person authors; organisations are not bylines."""
    items = author if isinstance(author, list) else [author]
    names = []
    for item in items:
        if isinstance(item, str) and not item.startswith("http"):
            names.append(item.strip())
        elif isinstance(item, dict) and _is_person(item):
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
    return names


def _is_person(item: dict[str, Any]) -> bool:
    types = item.get("@type", "Person")
    types = types if isinstance(types, list) else [types]
    return any(str(t).lower() == "person" for t in types)


def _org_names(author: Any) -> list[str]:
    """Names of organisations given as the author (news agencies, a newsroom)."""
    items = author if isinstance(author, list) else [author]
    return [
        item["name"].strip() for item in items
        if isinstance(item, dict) and not _is_person(item)
        and isinstance(item.get("name"), str) and item["name"].strip()
    ]


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return value.strip() if isinstance(value, str) else None


def _meta(tags: dict[str, str], *keys: str) -> str | None:
    """The first of ``keys`` the page's meta tags give a value."""
    for key in keys:
        if key in tags:
            return tags[key]
    return None


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Every ``<meta>`` value by its property, name or itemprop, read in one pass (the first wins)."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = element.get(attr)
            if key and key not in tags:
                tags[key] = content
    return tags


def _from_meta_tags(tree: HtmlElement, meta: PageMetadata) -> None:
    tags = meta_tags(tree)
    if not meta.title:
        meta.title = _meta(tags, "og:title", "twitter:title")
        meta.title_rule = "meta:og:title" if meta.title else None
    if not meta.published:
        value = _meta(tags, "article:published_time", "og:article:published_time", "datePublished",
                      "date", "pubdate", "publishdate", "DC.date.issued", "dc.date", "citation_date")
        if value and parse_iso(value):
            meta.published, meta.published_rule = value, "meta:published_time"
    if not meta.modified:
        meta.modified = _meta(tags, "article:modified_time", "og:updated_time", "dateModified")
    meta.labelled_author = _twitter_labelled_author(tags)
    if not meta.authors:
        value = _meta(tags, "author", "article:author", "citation_author", "dc.creator", "DC.creator",
                      "parsely-author", "sailthru.author")
        if value and not value.startswith("http"):
            meta.authors, meta.authors_rule = [value], "meta:author"
    meta.tags = list(dict.fromkeys(
        value for element in tree.iter("meta") if element.get("property") == "article:tag"
        and (value := (element.get("content") or "").strip())))
    meta.site_name = _meta(tags, "og:site_name", "application-name")
    for value in (meta.site_name, _meta(tags, "twitter:site"), _meta(tags, "application-name")):
        if value:
            meta.site_names.append(value.lstrip("@"))
    if (_meta(tags, "og:type") or "").lower() == "article" or _meta(tags, "article:published_time"):
        meta.is_article = True
    if not meta.language:
        lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
        if lang:
            meta.language, meta.language_rule = lang, "html:lang"
        else:
            locale = _meta(tags, "og:locale")
            if locale:
                meta.language, meta.language_rule = locale, "meta:og:locale"


_WRITTEN_BY = re.compile(
    r"^(?:written by|verfasst von|geschrieben von|autor(?:in)?|author|écrit par|rédigé par|escrito por|"
    r"scritto da|geschreven door|skrevet af|skrivet av|napisane przez)$", re.I)


def _twitter_labelled_author(tags: dict[str, str]) -> str | None:
    for name, label in tags.items():
        if name.startswith("twitter:label") and _WRITTEN_BY.match(label):
            value = tags.get("twitter:data" + name[len("twitter:label"):])
            if value:
                return value
    return None


def normalize_language(tag: str | None) -> str | None:
    """BCP-47 casing for a language tag: ``en_us`` -> ``en-US``."""
    if not tag:
        return None
    parts = re.split(r"[-_]", tag.strip())
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower())
    return "-".join(out)
