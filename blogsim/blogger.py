"""Blogger blogs for tests and benchmarks: a generated blog of any size, and Blogger's French UI strings.

The model, the pages and the routes are the demo's own (``archiver.demo``); this adds only what the
demo does not need.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import datetime, timedelta

from archiver.demo.blog import Comment, Page, Post, Strings
from archiver.demo.sample import TAIPEI, br_paragraphs, captioned_image
from archiver.demo.site import BlogSite

#: A blog localised in French, as Blogger renders it for a blog whose language is French.
FRENCH_STRINGS = Strings(
    posted_by="Publié par", posted_at="à", classic_posted_by="publié par", no_comments="Aucun commentaire:",
    one_comment="1 commentaire:", n_comments="{n} commentaires:", classic_comments="{n} commentaires:",
    said="a dit…", post_a_comment="Enregistrer un commentaire", labels="Libellés :",
    older="Articles plus anciens", newer="Articles plus récents", older_post="Article plus ancien",
    newer_post="Article plus récent", home="Accueil", more_posts="Plus d'articles", keep_reading="Lire la suite",
    read_more="Lire la suite »", subscribe_to="S'abonner à :",
    post_comments_atom="Publier les commentaires (Atom)", posts_atom="Messages (Atom)",
    blog_archive="Archives du blog", about_me="Qui êtes-vous ?", view_profile="Afficher mon profil complet",
    popular_posts="Articles les plus consultés", recent_comments="Commentaires récents", pages="Pages",
    search_this_blog="Rechercher dans ce blog", powered_by="Fourni par", email_this="Envoyer par e-mail",
    blog_this="BlogThis!", share_twitter="Partager sur Twitter", share_facebook="Partager sur Facebook",
    share_pinterest="Partager sur Pinterest", view_web_version="Afficher la version Web",
    not_found="Désolé, la page que vous recherchez dans ce blog n'existe pas.",
    showing_label="Affichage des articles dont le libellé est {label}.", show_all="Afficher tous les articles",
    months=("janvier", "février", "mars", "avril", "mai", "juin",
            "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    date_header_format="{weekday} {day} {month} {year}", theme_date_format="{day} {month} {year}",
    comment_date_format="{day} {month} {year} à {time}", clock="24h",
)


_SUBJECTS = (
    "The central bank", "The finance ministry", "Exporters", "Household savers", "Regional governments",
    "The trade commission", "Small manufacturers", "Pension funds", "The statistics office", "Port operators",
    "Commodity traders", "Local lenders", "The budget committee", "Foreign investors", "Farm cooperatives",
)
_VERBS = (
    "has underestimated", "keeps returning to", "quietly depends on", "is still paying for", "has learned to live with",
    "can no longer ignore", "will have to explain", "rarely mentions", "has misread", "is betting on",
)
_OBJECTS = (
    "the cost of borrowing", "the exchange rate", "the shipping bottleneck", "the tariff schedule",
    "the wage bargain", "the housing market", "the energy bill", "the credit cycle", "the productivity gap",
    "the fiscal rule", "the supply of skilled labour", "the price of grain", "the current account",
)
_TAILS = (
    "and the consequences will outlast this government", "even though the evidence has been public for years",
    "which matters more than the headline figures suggest", "at least until the next set of forecasts",
    "in ways that the official statements do not admit", "while the rest of the region moves on",
    "and nobody in the debate seems willing to say so", "for reasons that are mostly political",
)
_CONNECTORS = ("However,", "Meanwhile,", "In practice,", "For now,", "Even so,", "As a result,", "Put simply,", "")
_TITLE_WORDS = (
    "Trade", "Tariffs", "Budgets", "Inflation", "Ports", "Wages", "Credit", "Grain", "Energy", "Pensions",
    "Currencies", "Subsidies", "Debt", "Housing", "Markets", "Statistics", "Regions", "Exports",
)
_TITLE_SHAPES = (
    "{a} and the limits of {b}", "Why {a} matter more than {b}", "What {a} tell us about {b}",
    "{a}, {b} and the next election", "Notes on {a}", "The quiet return of {a}", "{a} after the shock",
    "A short history of {a}", "Reading the {a} numbers", "{a} are not the problem",
)
_LABELS = (
    "trade", "inflation", "central banks", "fiscal policy", "history", "books", "Europe", "Asia", "reposts",
    "agriculture", "statistics", "energy", "labour", "Économie", "Wirtschaftspolitik",
)
_FIRST = ("Miriam", "Henrik", "Ana", "Tomas", "Leila", "Daniel", "Kenji", "Sofia", "Amara", "Pieter", "Ines", "Ravi")
_LAST = ("Castellanos", "Aalto", "Ribeiro", "Lindqvist", "Haddad", "Okonjo", "Watanabe", "Moreau", "Mensah",
         "de Vries", "Kovac", "Sundaram")
_STOP_WORDS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "is", "are", "at", "by", "with", "not"}


def blogger_slug(title: str | None) -> str:
    """Slug as Blogger derives it: ASCII, lowercased, stop words dropped, at most ~39 characters."""
    if not title:
        return "blog-post"
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_title.lower()) if w not in _STOP_WORDS]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 39:
            break
        slug = candidate
    return slug or "blog-post"


def _sentence(rng: random.Random) -> str:
    connector = rng.choice(_CONNECTORS)
    subject = rng.choice(_SUBJECTS)
    if connector:
        subject = subject[0].lower() + subject[1:]
    body = f"{subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, {rng.choice(_TAILS)}."
    return f"{connector} {body}" if connector else body


def _paragraph(rng: random.Random) -> str:
    sentences = " ".join(_sentence(rng) for _ in range(rng.randint(4, 8)))
    # hard-wrap like text pasted from an e-mail or a word processor
    words, lines, line = sentences.split(" "), [], ""
    for word in words:
        if line and len(line) + len(word) > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def _title(rng: random.Random) -> str:
    a, b = rng.sample(_TITLE_WORDS, 2)
    return rng.choice(_TITLE_SHAPES).format(a=a, b=b.lower())


def _generated_body(rng: random.Random, index: int, published: datetime) -> str:
    parts: list[str] = []
    kind = rng.random()
    if kind < 0.15:  # seed-shaped repost
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        parts.append(captioned_image(f"wire-{index}.jpg", f"{_sentence(rng)[:-1]}, in this image released "
                                     f"{published:%B} {published.day}. (Handout/AFP/Getty Images)"))
        hour = rng.randint(1, 11)
        parts.append(f"Opinion by {name}<br />\n{published:%B} {published.day} at {hour}:{rng.randint(0, 59):02d} am "
                     "Taiwan Time<br />\n<br />")
    elif kind < 0.25:
        parts.append(f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}<br />\n<br />")
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(4, 9))]
    if rng.random() < 0.3:
        position = rng.randint(1, len(paragraphs) - 1)
        credit = rng.choice(("Photo: Blog Author", "Reuters", "Courtesy of the City Archive", None))
        caption = _sentence(rng)[:-1] + "." + (f" ({credit})" if credit else "")
        paragraphs[position] = paragraphs[position] + "<br />\n" + captioned_image(f"photo-{index}.jpg", caption)
    parts.append(br_paragraphs(paragraphs))
    return "\n".join(parts)


#: A large generated blog spans at most this long: a busy blog, not a century of posts (its archive
#: widget lists every month, so a longer span would make every page grow with the blog).
_MAX_SPAN_MINUTES = 12 * 365 * 24 * 60
_MEAN_GAP_MINUTES = (6 * 60 + 72 * 60) // 2


def generate_site(n_posts: int, seed: int = 0, template: str = "layout") -> BlogSite:
    """A deterministic blog of ``n_posts`` posts (newest 2024-06-30) for benchmarks and crawl tests.

    Posts are 6 to 72 hours apart, closer in a blog so large that this would span over 12 years:
    its pages stay the same size (about 100 KB) at any number of posts.
    """
    rng = random.Random(seed)
    scale = min(1.0, _MAX_SPAN_MINUTES / (max(n_posts, 1) * _MEAN_GAP_MINUTES))
    posts: list[Post] = []
    taken: set[str] = set()
    when = datetime(2024, 6, 30, 18, 0, tzinfo=TAIPEI)
    for index in range(n_posts):
        # distinct minutes keep updated-max pagination exact
        when -= timedelta(minutes=rng.randint(int(6 * 60 * scale), int(72 * 60 * scale)) + 1)
        title = None if rng.random() < 0.03 else _title(rng)
        base = f"/{when:%Y/%m}/{blogger_slug(title)}"
        path, suffix = base + ".html", when.day
        while path in taken:  # Blogger appends _NN to duplicate slugs within a month
            path = f"{base}_{suffix:02d}.html"
            suffix += 1
        taken.add(path)
        comments = [Comment(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", when + timedelta(hours=rng.randint(1, 90)),
                            _sentence(rng)) for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 2)))]
        updated = when + timedelta(days=rng.randint(1, 40)) if rng.random() < 0.1 else None
        labels = sorted(set(rng.sample(_LABELS, rng.randint(0, 3))))
        posts.append(Post(path, title, when, _generated_body(rng, index, when), labels=labels,
                          updated=updated, comments=comments))
    return BlogSite(
        title=f"Synthetic Economy Blog {seed}", description="Generated commentary for benchmarks.", template=template,
        posts=posts, pages=[Page("/p/about.html", "About", "<p>A generated blog used for benchmarks.</p>")],
        tz=TAIPEI, author="Blog Author",
    )
