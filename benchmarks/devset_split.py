"""A fixed split of the shared devset by publisher: half A (develop on it) and half B (held back).

Rules are tuned on half A; half B is looked at only to see whether a change generalizes (the
byline issue's "a discipline that generalizes"). Pages of one publisher share templates and
habits, so the split is by publisher, never by page: a rule that fits one site's markup cannot
score on B through the same site's other pages.

The publisher of a page (``publisher(row)``):

1. the host of its truth ``url``, lower-cased, without ``www.``; an archived copy
   (``web.archive.org/web/<time>/<url>``) counts as the archived URL's host; a ``url`` that is not
   a URL (``hard::dw.com.colonial.html``, ``recall::…``, ``xhttps://…``) gives the longest leading
   part of its name that ends in a public suffix (``dw.com``), else the page's id;
2. folded to its registrable domain (``edition.cnn.com`` and ``cnn.com`` -> ``cnn.com``;
   ``wien.orf.at`` -> ``orf.at``) with the public suffix list bundled with ``tldextract`` (no
   network), except on blog platforms where each subdomain is its own publisher
   (``PLATFORMS``: ``foo.wordpress.com``, ``foo.blogspot.de``, …);
3. then ``ALIASES``: the few registrable domains that are obviously one publisher
   (``github.blog`` = ``github.com``, a blog's own domain and its wordpress.com address).

How the halves were made (``build()``, run once on the devset of 1,131 pages and stored below):
publishers sorted by their number of pages (most first), ties by the SHA-256 of the publisher
name; each in turn goes to the half that leaves the two halves closest in five counts: fundus
pages, trafi pages, fundus and trafi pages labelled with names, trafi pages labelled "no author"
(sum of squared differences, each relative to its total); an exact tie goes by the first bit of
the hash. A publisher found in both corpora lies in one half for both.

The assignment is stored (``HALF_A``, ``HALF_B``): the split does not change when this code or
the devset's labels change. ``half(row)`` raises for a page whose publisher is not listed (the
devset grew, or the public suffix list moved a domain); then rebuild deliberately and say so.

    .venv/bin/python benchmarks/devset_split.py            # check: every page has a half; sizes
    .venv/bin/python benchmarks/devset_split.py --rebuild  # redo build(), compare with the stored split
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent.parent / "shared" / "devset"

# Hosting platforms whose subdomains are separate publishers (matched on the registrable
# domain's first label, so that blogspot.com and blogspot.de both count).
PLATFORMS = {"wordpress", "blogspot", "hypotheses", "tumblr", "substack", "medium", "wixsite", "jimdofree",
             "jimdo", "over-blog", "typepad", "livejournal", "weebly", "blogger", "github", "tistory"}

# Registrable domains that are obviously one publisher (same owner, same brand).
ALIASES = {
    "github.blog": "github.com",
    "politico.eu": "politico.com",
    "creativecommons.at": "creativecommons.org",
    "creativecommons.ch": "creativecommons.org",
    "mitundvoneinander.wordpress.com": "mitundvoneinander.com",
    "zdfheute.de": "zdf.de",
    "iwrpressedienst.de": "iwr.de",
    "piratenpartei-hessen.de": "piratenpartei.de",
    "piratenpartei-marburg.de": "piratenpartei.de",
    "piratenpartei-mv.de": "piratenpartei.de",
    "stackoverflow.blog": "stackexchange.com",
    "nestle-marktplatz.de": "nestle-family.com",
    "wikipedia.org": "wikimediafoundation.org",
}

_TLD = None


def tld_parts(host: str):
    """tldextract's parts of ``host`` (subdomain, domain, suffix), from its bundled public suffix list."""
    global _TLD
    if _TLD is None:
        import tldextract

        _TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)
    return _TLD(host)


def _registrable(host: str) -> str:
    parts = tld_parts(host)
    return getattr(parts, "top_domain_under_public_suffix", None) or parts.registered_domain


def page_host(row: dict) -> str:
    """The host the page was saved from (see the module's docstring, step 1)."""
    url = str(row.get("url") or "")
    match = re.search(r"https?://", url)
    if match:
        url = url[match.start():]
        host = urlsplit(url).hostname or ""
        if host == "web.archive.org":
            inner = re.sub(r"^/web/[^/]+/", "", urlsplit(url).path)
            inner = inner if re.match(r"https?://", inner) else "http://" + inner
            host = urlsplit(inner).hostname or host
        return host.lower().removeprefix("www.")
    name = url.split("::", 1)[-1].removesuffix(".html") or str(row["id"]).split("/", 1)[-1]
    cuts = [m.start() for m in re.finditer(r"[.\-_/]", name)] + [len(name)]
    for cut in reversed(cuts):
        head = name[:cut].lower()
        if "." in head and tld_parts(head).suffix and head.endswith("." + tld_parts(head).suffix):
            return head.removeprefix("www.")
    return str(row["id"]).lower()


def platform_blog(host: str) -> bool:
    """Whether ``host`` is one blog on a hosting platform (``foo.wordpress.com``, ``PLATFORMS``)."""
    domain = _registrable(host) or host
    return domain.split(".")[0] in PLATFORMS and host != domain


def publisher(row: dict) -> str:
    """The page's publisher: its host folded to the registrable domain (module docstring, steps 2-3)."""
    host = page_host(row)
    domain = host if platform_blog(host) else _registrable(host) or host
    return ALIASES.get(domain, domain)


def half(row: dict) -> str:
    """"A" or "B" for a devset truth row, from the stored assignment."""
    name = publisher(row)
    if name in _A:
        return "A"
    if name in _B:
        return "B"
    raise KeyError(f"devset page {row.get('id')!r}: publisher {name!r} is in neither half of the stored split")


def load_truth(devset: Path = DEVSET) -> list[dict]:
    with (devset / "truth.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _counts(row: dict) -> tuple[int, ...]:
    fundus, trafi = row["corpus"] == "fundus", row["corpus"] == "trafi"
    named, none = bool(row.get("byline")), row.get("byline") == ""
    return (fundus, trafi, fundus and named, trafi and named, trafi and none)


def build(truth: list[dict]) -> dict[str, str]:
    """The procedure that made HALF_A / HALF_B (module docstring)."""
    stats: dict[str, list[int]] = {}
    for row in truth:
        counts = stats.setdefault(publisher(row), [0] * 5)
        for i, value in enumerate(_counts(row)):
            counts[i] += value
    totals = [max(1, sum(c[i] for c in stats.values())) for i in range(5)]

    def digest(name: str) -> bytes:
        return hashlib.sha256(name.encode("utf-8")).digest()

    order = sorted(stats, key=lambda name: (-sum(stats[name][:2]), digest(name)))
    sums = {"A": [0] * 5, "B": [0] * 5}
    out: dict[str, str] = {}
    for name in order:
        costs = {}
        for side in "AB":
            trial = {s: [v + (stats[name][i] if s == side else 0) for i, v in enumerate(sums[s])] for s in "AB"}
            costs[side] = sum(((trial["A"][i] - trial["B"][i]) / totals[i]) ** 2 for i in range(5))
        if costs["A"] == costs["B"]:
            side = "A" if digest(name)[0] < 128 else "B"
        else:
            side = min(costs, key=costs.get)
        out[name] = side
        sums[side] = [v + stats[name][i] for i, v in enumerate(sums[side])]
    return out


def sizes(truth: list[dict], assign=half) -> dict[tuple[str, str], Counter]:
    """Per (corpus, half): pages, publishers, pages labelled with names, labelled "no author"."""
    out: dict[tuple[str, str], Counter] = {}
    seen: set[tuple[str, str, str]] = set()
    for row in truth:
        side = assign(row)
        counter = out.setdefault((row["corpus"], side), Counter())
        counter["pages"] += 1
        counter["bylines"] += bool(row.get("byline"))
        counter["no author"] += row.get("byline") == ""
        key = (row["corpus"], side, publisher(row))
        if key not in seen:
            seen.add(key)
            counter["publishers"] += 1
    return out


def print_sizes(truth: list[dict], assign=half, out=sys.stdout) -> None:
    table = sizes(truth, assign)
    print("| corpus | half | publishers | pages | labelled bylines | labelled no author |", file=out)
    print("|---|---|---:|---:|---:|---:|", file=out)
    for (corpus, side), c in sorted(table.items()):
        print(f"| {corpus} | {side} | {c['publishers']} | {c['pages']} | {c['bylines']} | {c['no author']} |", file=out)


def _literal(names: list[str], indent: str = "    ", width: int = 116) -> str:
    lines, line = [], indent
    for name in names:
        item = json.dumps(name, ensure_ascii=False) + ","
        if len(line) + len(item) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += item + " "
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--rebuild", action="store_true", help="redo build() and compare with the stored split")
    parser.add_argument("--write", action="store_true", help="with --rebuild: store the rebuilt split in this file")
    args = parser.parse_args()
    truth = load_truth(args.devset)
    if not args.rebuild:
        print_sizes(truth)
        return
    built = build(truth)
    stored = {name: "A" for name in _A} | {name: "B" for name in _B}
    moved = sorted(name for name in built if stored.get(name) != built[name])
    print(f"{len(built)} publishers; {len(moved)} differ from the stored split: {moved[:20]}")
    print_sizes(truth, lambda row: built[publisher(row)])
    if args.write:
        source = Path(__file__).read_text(encoding="utf-8")
        begin, end = "# BEGIN " + "GENERATED", "# END " + "GENERATED"
        block = (f"{begin} by build(); do not edit by hand\n"
                 f"HALF_A = frozenset({{\n{_literal(sorted(n for n, s in built.items() if s == 'A'))}\n}})\n"
                 f"HALF_B = frozenset({{\n{_literal(sorted(n for n, s in built.items() if s == 'B'))}\n}})\n"
                 f"{end}\n")
        source = re.sub(rf"^{begin}.*?^{end}\n", lambda _: block, source, flags=re.S | re.M)
        Path(__file__).write_text(source, encoding="utf-8")
        print("stored")


# BEGIN GENERATED by build(); do not edit by hand
HALF_A = frozenset({
    "1337kultur.de", "1hundetagebuch.wordpress.com", "24horas.cl", "2gewinnt.wordpress.com", "5min.at", "7mind.de",
    "90min.de", "abenteuer-astronomie.de", "abookshelffullofsunshine.blogspot.com", "achgut.com",
    "achtundvierzig.hypotheses.org", "aclu.org", "acpjournals.org", "adac.de", "admin.ch", "advents-shopping.de",
    "aerobuzz.de", "afp.com", "aftonbladet.se", "ahlen.de", "aktion-hummelschutz.de", "alhelm.net",
    "alternatives-economiques.fr", "amazedmag.de", "ambito.com", "amp.dev", "anchor.ch", "antary.de",
    "anwaltniemeyer.de", "aoc.media", "apolut.net", "arteradio.com", "assabah.com.tn", "attac.org",
    "aussengedanken.de", "auto-motor.at", "auto-presse.de", "auto-wirtschaft.ch", "autohaus.de",
    "automobilwoche.de", "autosprint.ch", "awo.org", "axios.com", "backenmachtgluecklich.de",
    "baechli-bergsport.ch", "bahamaslocal.com", "baidu.com", "basicthinking.de", "bauemotion.de", "baumeister.de",
    "bayrische-bembel.de", "befifty.de", "beige.de", "berliner-feuerwehr.de", "bettycrocker.com",
    "bewegliche-lettern.de", "beyssonmanagement.com", "bfs.de", "biathlon-antholz.it", "biathlonworld.com",
    "bibliothek2null.de", "biobiochile.cl", "bka.de", "blinker.de", "bloghaus.hypotheses.org", "blogoff.de",
    "bmjv.de", "bmz.de", "boersen-zeitung.de", "boingboing.net", "bos-fahrzeuge.info", "bostonherald.com", "br.de",
    "brandeins.de", "brandenburg.de", "braunschweiger-zeitung.de", "btv.de", "buchperlen.wordpress.com",
    "bummfilm.de", "bumsbutzener-gumpfen.blogspot.com", "bund.net", "bundesfeuerwehrverband.at", "bundesrat.de",
    "bunterepublik.wordpress.com", "businessinsider.com", "californiaglobe.com", "careelite.de", "caritas.de",
    "cbsnews.com", "cducsu.de", "chabermu.wordpress.com", "changelog.blog", "chefkoch.de", "chemie.de",
    "chineselyrics4u.com", "chorknaben-ulm.de", "cicero.de", "citizen.co.za", "coaching-magazin.de",
    "computerbild.de", "coopbuddy.de", "cooperativa.cl", "correiobraziliense.com.br", "couchstyle.de",
    "courage-online.de", "creeny.wordpress.com", "cubadebate.cu", "cybercook.com.br", "dailymail.co.uk",
    "dalloz-actualite.fr", "dbjr.de", "dealdoktor.de", "demokratiewebstatt.at", "der-postillon.com",
    "derpapierplanet.de", "deutsche-handwerks-zeitung.de", "deutsche-wirtschafts-nachrichten.de",
    "deutscheweine.de", "deviante-pfade.de", "diaadia.com.pa", "die-partei.net", "dietagespresse.com", "dimido.de",
    "disfunctions.de", "ditib.de", "djz.de", "domradio.de", "dubisthalle.de", "duengebehoerde-niedersachsen.de",
    "durbanlocal.co.za", "dw.com", "dziennik.pl", "dzs-clan.de", "eatsmarter.de", "ebike-mtb.com",
    "echte-demokratie-jetzt.de", "economist.com", "ejwue.de", "ekbo.de", "ekd.de", "ekhn.de", "elavegan.com",
    "elcolombiano.com", "eldeber.com.bo", "elfaro.net", "elle.de", "elmundo.es", "elnacional.com",
    "elnuevodia.com", "eltiempo.com", "eluniversal.com", "energiehoch3.de", "erneuerbareenergien.de",
    "erp-news.info", "erzbistum-koeln.de", "ethify.org", "euronews.com", "eurosport.de", "evang.at",
    "everardoherrera.com", "exlibris-deg.de", "fairkom.eu", "falstaff.de", "familie.de", "fandom.com", "fdpbt.de",
    "fifplay.com", "financescout24.de", "financialpost.com", "finanzcheck.de", "finanztip.de", "finanztreff.de",
    "fitforfun.de", "flawlessfood.co.uk", "flowfx.de", "flvw.de", "focus.de", "football.ua", "for-me-online.de",
    "forstpraxis.de", "franceculture.fr", "frau-sabienes.de", "frolleinherr.com", "gaijinpot.com",
    "gartenjournal.net", "gazeta.pl", "geeks3d.com", "gipfelbuch.ch", "giromatch.com", "gnaur.wordpress.com",
    "gofeminin.de", "golf.de", "goodnight.at", "googleblog.com", "gormulus.wordpress.com", "grazia-magazin.de",
    "greenpeace.de", "gregoryszorc.com", "groove.de", "grossefragen.wordpress.com", "gruen-digital.de",
    "guenter-pilger.de", "gv-bayern.de", "hackernoon.com", "haitiantimes.com", "handball.ch", "handwerksblatt.de",
    "happyface313.com", "harddecor.at", "harpers.org", "hassanchef.com", "healthline.com", "herrpfleger.de",
    "hertha-blog.de", "herzundblut.com", "hoy.com.py", "hss.de", "huettenhilfe.de", "humanresourcesmanager.de",
    "hundeverein-kreisunna.de", "hvw-online.org", "iass-potsdam.de", "iconmagazine.de", "idw-online.de",
    "ihrwebprofi.at", "infobae.com", "interia.pl", "internet-law.de", "internetchemie.info",
    "investmentwatchblog.com", "isolezwe.co.za", "it-for-kids.org", "it-learner.de", "iwr.de",
    "jagd-oesterreich.at", "jagderleben.de", "jagdverband.de", "jamaicaobserver.com", "jan-grosser.de",
    "jis.gov.jm", "jolie.de", "juergenheitmann.com", "jugend-forscht.de", "juraforum.de", "kaieteurnewsonline.com",
    "kas.de", "katapult-magazin.de", "katholisch.at", "katzen-forum.net", "kinzig.news", "kirche-und-leben.de",
    "klaenge-des-verschweigens.de", "klubjagiellonski.pl", "kochbar.de", "krautreporter.de", "kxan.com",
    "kyffhaeuser-nachrichten.de", "l-mag.de", "lacrux.com", "lady50plus.de", "landwirt.com", "larepublica.net",
    "latercera.com", "lavazza.de", "lebensmittelpraxis.de", "ledevoir.com", "lefigaro.fr", "legrandcontinent.eu",
    "leichtathletik-ostalbkreis.de", "lestimes.com", "libero.pe", "limespace.de", "linkedin.com",
    "linksfraktion.de", "literaturgefluester.wordpress.com", "literaturkritik.de", "lopinion.fr",
    "losandes.com.ar", "lostiempos.com", "love-hina.ch", "lto.de", "mactechnews.de", "macwelt.de", "maescot.de",
    "malteser.de", "markeich.de", "mbl.is", "mdr.de", "mediaarchitecture.de", "mediaindonesia.com",
    "medialepfade.de", "medicalnewstoday.com", "meedia.de", "mein-schoener-garten.de", "meininger.de",
    "mesopinions.com", "minusl.de", "mix1.de", "mobilsicher.de", "modabot.de", "modepilot.de", "monsterdealz.de",
    "morgenpost.de", "moritz-meyer.net", "motor.at", "motor1.com", "mpg.de", "mueritzurlauber.de",
    "muffinrezept.net", "munich2022.com", "murdeltas.wordpress.com", "mydailymagazine.com",
    "mywakenews.wordpress.com", "mz-web.de", "n-land.de", "n-tv.de", "nalas-loewenseiten.info",
    "nationalgeographic.co.uk", "nationalpost.com", "nationalrail.co.uk", "nationnews.com", "natuerlich-jagd.de",
    "ndr.de", "neos.eu", "nesselsetzer.wordpress.com", "nestle-family.com", "netbits.us", "netzpolitik.org",
    "new-work.se", "newrepublic.com", "next2games.de", "nh24.de", "nieuwsblad.be", "novalanalove.com",
    "nowgrenada.com", "ntv.com.tr", "nytimes.com", "nzz.ch", "oekolandbau.de", "oekologisch-bauen.info",
    "ok-magazin.de", "onlinemarketing.de", "onmeda.de", "ordnungsrausch.com", "ostbelgiendirekt.be",
    "ottawacitizen.com", "otto.de", "paginasiete.bo", "pamelaandersonfoundation.org", "panamaamerica.com.pa",
    "papaganda.org", "parcoabruzzo.it", "pcgamer.com", "peppermynta.de", "peptalks.de", "phillyvoice.com",
    "phys.org", "piratenpartei.de", "pix-bavaria.de", "pointofsail-kiel.de", "politico.com",
    "politische-bildung-brandenburg.de", "polityka.pl", "polizeiticker.ch", "popsugar.co.uk", "pravda.com.ua",
    "prof-pc.de", "proplanta.de", "przepisy.pl", "psl.eu", "publica.pl", "publishedreporter.com", "python.org",
    "pythonspeed.com", "qualisys.eu", "radiomaryja.pl", "raptastisch.net", "rbb24.de", "realsimple.com",
    "rechtambild.de", "refinery29.com", "regiolanda.de", "rent-a-pastor.com", "rent-a-salesman.eu",
    "report24.news", "resonator-podcast.de", "rete-mirabile.net", "ritinardo.wordpress.com", "rosalux.de",
    "roughdraftatlanta.com", "royalroad.com", "rp.pl", "ruhrnachrichten.de", "rundschau-online.de", "rutgers.edu",
    "salon.com", "scinexx.de", "selbermachen.de", "selbst.de", "she-works.de", "siegessaeule.de",
    "siegfried-marcus-berufsschule.at", "silkes-weinkeller.de", "silvias.net", "skateboardmsm.de", "smava.de",
    "sonnenenergie.de", "soundofscience.fr", "spektrum.de", "spidersweb.pl", "spiegel.de", "spoe.at", "spontis.de",
    "sportnews.bz", "sports.fr", "sportschau.de", "spot-on-news.de", "spox.com", "stardewvalleywiki.com",
    "steinzeitwissen.de", "stern.de", "stluciatimes.com", "stol.it", "strangemachines.io", "stuttgart.de",
    "stylegart.de", "sw1.news", "t3n.de", "tag24.de", "tagblatt.ch", "tagesanzeiger.ch", "tagesschau.de",
    "tagesspiegel.de", "tageswoche.ch", "taz.de", "tegernseerstimme.de", "telegraph.co.uk", "tell-review.de",
    "tennisnet.com", "thebalance.com", "thegatewaypundit.com", "theguardian.com", "theinsidersnet.com",
    "thenation.com", "thenervousbreakdown.com", "theoriginalcopy.de", "theplanetarypress.com", "thepointsguy.com",
    "theprovince.com", "tichyseinblick.de", "tierschutzpartei.de", "time4talks.com", "tine.no", "tofugu.com",
    "together.ch", "tomshardware.com", "tour-magazin.de", "trainingline-english.de", "travanto.de", "trome.pe",
    "trustpilot.com", "tv-orange.de", "tvtoday.de", "uebermedien.de", "ultimasnoticias.com.ve", "uncutnews.ch",
    "uniqz.de", "unocero.com", "unsere-zeitung.at", "unterwegsinberlin.de", "unzensuriert.at", "utopia.de",
    "uusisuomi.fi", "vancouversun.com", "vegolosi.it", "verfassungsblog.de", "vergleich.de", "vg.no",
    "viehbacher.com", "viertausendhertz.de", "villacc.de", "villagersandheroes.com", "voanews.com",
    "volksblatt.at", "vorangedacht.de", "waldwissen.net", "washingtontimes.com", "watson.ch", "wdr.de",
    "weinlachgummis.blogspot.com", "weisser-ring.de", "welpenkaufen24.de", "weselpower.wordpress.com",
    "wikidot.com", "wikimediafoundation.org", "wildundhund.de", "winfuture.de", "wir-empfehlen.info",
    "wirtschaftspsychologie-aktuell.de", "wirtualnemedia.pl", "wochenblatt.com", "wolfgangschmale.eu",
    "womencantalksports.com", "womenshealth.de", "wordsmith.org", "wsl.ch", "wsvn.com", "yle.fi", "yomiuri.co.jp",
    "ypart.eu", "zahlenzauberin.wordpress.com", "zdnet.de", "zoll.de", "zoo-berlin.de", "zooroyal.de",
})
HALF_B = frozenset({
    "1000things.at", "100noticias.com", "24ora.com", "3960.org", "abc13.com", "abc7news.com", "abendblatt.de",
    "ad-magazin.de", "agrarheute.com", "alacarte.at", "alexander-klier.net", "alexanderlasch.wordpress.com",
    "alpin.de", "amnesty.de", "anarc.at", "andreabottlinger.wordpress.com", "angelmagazin.de", "anglerboard.de",
    "appen.com", "arbeit-und-arbeitsrecht.de", "arbeitsagentur.de", "ardmediathek.de", "asahi.com", "austria.info",
    "auswaertiges-amt.de", "autonews.ch", "autozeitung.de", "backen.de", "badische-zeitung.de", "bafa.de",
    "banyuetan.org", "battery-news.de", "baumev.de", "bbc.com", "bdzv.de", "be.ch", "bergsteigen.com",
    "berkutschi.com", "berliner-zeitung.de", "bewusster-leben.de", "bfn.de", "bike-magazin.de", "bild.de",
    "bmas.de", "bmbf.de", "bmel.de", "bmfsfj.de", "bmwi.de", "bondyblog.fr", "boxen.de", "boxen1.com",
    "brasil247.com", "breakingbelizenews.com", "brigitte.de", "buero-hoppe.de", "bund-naturschutz.de", "bund.de",
    "bundeskanzleramt.gv.at", "bundespolizei.de", "bundespraesident.de", "businessjargons.com", "caktusgroup.com",
    "campino2k.de", "campograndenews.com.br", "caymancompass.com", "cdu-fraktion-erfurt.de", "chadim.net",
    "changenow.de", "chemietechnik.de", "chip.de", "chocolate.com", "citylimits.org", "clarin.com",
    "cleanthinking.de", "cnbc.com", "cnet.de", "cnn.com", "cointelegraph.com", "columbus-entdeckt.de",
    "comparis.ch", "computerbase.de", "corkbeo.ie", "correctiv.org", "correio24horas.com.br", "crazy-julia.de",
    "creativecommons.org", "daheim-solar.de", "dailynews.co.tz", "damianduchamps.wordpress.com",
    "datev-magazin.de", "dawo-dresden.de", "decohome.de", "denkanstoos.wordpress.com", "denkmalpraxismoderne.de",
    "der-erfolg-gibt-recht.de", "der-farang.com", "derstandard.at", "deutschlandfunk.de", "dhb.de",
    "dhz-online.de", "diakonie.de", "die-besserwisser.org", "die-tagespost.de", "diem25.org", "diepresse.com",
    "digitalcourage.de", "digitale-exzellenz.de", "diy-expeditions.com", "dobszay.ch", "docker.com", "dorzeczy.pl",
    "doschu.com", "drk.de", "dsv.de", "dtb-tennis.de", "dtb.de", "dvfg.de", "dvgw.de", "dwutygodnik.com",
    "eatwhattonight.com", "eawag.ch", "ebrosia.de", "einfachspanien.de", "eishockeynews.de", "ekiba.de",
    "elcomercio.pe", "elespectador.com", "elheraldo.hn", "elmostrador.cl", "elnuevoherald.com", "elpais.com",
    "elpais.com.uy", "emacspeak.blogspot.com", "emotion.de", "en.blog.wordpress.com", "enacademic.com", "enbw.com",
    "energetyka24.com", "energieverbraucher.de", "energiezukunft.eu", "erfolg-magazin.de", "eurailpress.de",
    "evref.ch", "express.de", "exxpress.at", "eyethunews.co.za", "faz.net", "fem.com",
    "feuerwehrtaucher-oldenburg.de", "feuerwehrverband.de", "finanzmarktwelt.de", "fincompare.de",
    "fisch-hitparade.de", "fischundfang.de", "fivethirtyeight.com", "fluessiggas.de", "fluter.de",
    "fogsmagazin.com", "forsal.pl", "forumieren.com", "fouryears.eu", "foxnews.com", "foxyfolksy.com", "fr.de",
    "franziska-elea.de", "freebeacon.com", "freiepresse.de", "freiheit.org", "freitag.de", "freshideen.com",
    "furche.at", "futurezone.at", "gala.fr", "galore.de", "gamestar.de", "gay.ch", "gazetadopovo.com.br", "gdp.de",
    "geburtstagsecke.de", "gelbe-liste.de", "geschichtedergegenwart.ch", "giga.de", "gitarrebass.de", "github.com",
    "gizmeo.eu", "gleaner.com", "globalnews.ca", "globalvoices.org", "gnadlib.wordpress.com", "golem.de",
    "golfpost.de", "gothamist.com", "greator.com", "gruene-bundestag.de", "guetemala.com", "guten-tach.de",
    "habarileo.co.tz", "haenselblatt.com", "handelsblatt.com", "handwerk-magazin.de", "happycoffee.org",
    "haufe.de", "haus.de", "hausinfo.ch", "haustiermagazin.com", "heartlandnewsfeed.com", "hearya.com",
    "heavenlynnhealthy.de", "heiko-adams.de", "heise.de", "heizung.de", "hejfish.com", "helge.at",
    "hellogiggles.com", "helmholtz-klima.de", "hessenschau.de", "hildesheimer-presse.de", "holzwerken.net",
    "homify.de", "houzz.de", "hpd.de", "hr-innovation.org", "hrjournal.de", "iloveponysmag.com", "impulse.de",
    "incurvy.de", "independent.co.uk", "indiatimes.com", "industriemagazin.at", "induux.com", "infocomcgt.fr",
    "infosperber.ch", "ingenieur.de", "instyle.com", "insubordinant.wordpress.com", "interscenar.io",
    "islamische-zeitung.de", "it-finanzmagazin.de", "jaegermagazin.de", "japantimes.co.jp", "jobsnhire.com",
    "jodel.com", "journalistenwatch.com", "journelles.de", "jovelstefan.de", "jungefreiheit.de", "jungle.world",
    "kath.net", "kbs.co.kr", "kicker.de", "kleinegruenemonster.wordpress.com", "knowledge-on-air.de",
    "knowtechie.com", "krimiblog.de", "kulinariaathome.wordpress.com", "kulturkaufhaus.de", "kulturnews.de",
    "lacuarta.com", "ladiaria.com.uy", "laestrella.com.pa", "lanacion.com.ar", "laola1.at", "laprensagrafica.com",
    "lapresse.tn", "larepublica.pe", "lastampa.it", "latimes.com", "laviedesidees.fr", "laweekly.com",
    "lbcgroup.tv", "lbv.de", "lecker.de", "leichtathletik-berlin.de", "leichtathletik.de", "lemire.me",
    "lernpfadprismen.wordpress.com", "leukefeld-handball.de", "liberte.pl", "lidl.de", "liquimoly-hbl.de",
    "litradio.net", "livenet.ch", "ln-online.de", "lokalo.de", "lsvd.de", "luxuriousmagazine.com",
    "luxuryhaven.co", "madymorrison.com", "maenner.media", "majkaswelt.com", "makronom.de", "mallorcamagazin.com",
    "mallorcazeitung.es", "management-circle.de", "mannschaft.com", "martinruetter.com", "mdavis.xyz",
    "mein-haustier.de", "mein-mmo.de", "mercurynews.com", "metrotimes.com", "mexiconewsdaily.com",
    "miamitodaynews.com", "mindmegette.hu", "minuto30.com", "mirror.co.uk", "missy-magazine.de",
    "mitternachtskabinett.wordpress.com", "mitundvoneinander.com", "mitvergnuegen.com", "mixed.de",
    "mondediplo.net", "mopo.de", "motorsport-magazin.com", "motorsport-total.com", "msn.com", "mtb-news.de",
    "myoos.de", "nachrichten.at", "nachtkritik.de", "namibian.com.na", "nature.com", "neues-deutschland.de",
    "neunzehn72.de", "nextkabinett.wordpress.com", "nhk.or.jp", "nikkei.com", "nmb-media.de", "nnz-online.de",
    "nurmeinstandpunkt.wordpress.com", "nymag.com", "observer.com", "occupydemocrats.com", "oe24.at",
    "oekonomenstimme.org", "oetker.de", "oetv.at", "offshore-stiftung.de", "ohneq.de", "omr.com", "orf.at",
    "orsted.de", "osthessen-news.de", "osw.waw.pl", "outdoor-magazin.com", "pagesix.com", "pagina12.com.ar",
    "parallels.com", "pawszilla.com", "pcmag.com", "peta.de", "petri-heil.ch", "pferd-aktuell.de",
    "pferderevue.at", "pinkstinks.de", "pinup-fashion.de", "piratenpartei.at", "plantcaretoday.com",
    "plentylife.blogspot.com", "pluralsight.com", "pocketpc.ch", "popkultur.de", "portalspozywczy.pl",
    "prensalibre.com", "presse-augsburg.de", "pronats.de", "propellets.at", "publikum.net", "publimetro.cl",
    "radio.cz", "recyclingmagazin.de", "reddit.com", "redtri.com", "regards.fr", "regenbogenportal.de",
    "reisen-mit-dem-internet.de", "reiterrevue.de", "reitschuster.de", "repubblica.it", "reset.org", "reuters.com",
    "rhein-neckar-loewen.de", "rheinruhronline.de", "rnz.de", "rosa-mag.de", "rp-online.de", "rs-ingenieure.de",
    "rtl.de", "sac-cas.ch", "sass-ag.de", "sauvonsluniversite.fr", "schlosswirtjuval.it", "schneems.com",
    "schweizerjaeger.ch", "schwimmverband.at", "scienceblogs.de", "sciencesetavenir.fr", "scmp.com",
    "searchlight.vc", "seelenradio.de", "selbstversorger.de", "shabka.org", "sheego.de", "shingon-reiki.de",
    "sibenlab.blogspot.com", "simmentalzeitung.ch", "simplyscience.ch", "singapur-reiseinfo.de", "skispringen.com",
    "sladisworld.wordpress.com", "slf.ch", "solarserver.de", "sonntag-sachsen.de", "soy502.com", "spdfraktion.de",
    "speicherguide.de", "sprechblase.wordpress.com", "sprechwaisen.com", "spreeblick.com", "springer.com",
    "st-georg.de", "stackexchange.com", "standard.co.uk", "starsinsider.com", "statisticsglobe.com",
    "steinhau.com", "strafprozess.ch", "strive-magazine.de", "stuttgarter-zeitung.de", "stössenseer.de",
    "sueddeutsche.de", "surfguard.wordpress.com", "swap-stop.org", "swim.de", "swr.de", "tafelblog.de",
    "tageszeitung.it", "talent.ch", "tarnkappe.info", "taucher.net", "tdg.ch", "techcrunch.com", "techfieber.de",
    "telebasel.ch", "telemedicus.info", "tennismagazin.de", "teslamag.de", "teufel.de", "the-pain.net",
    "theatlantic.com", "thebigbone.wordpress.com", "thebrag.com", "theintercept.com", "thelist.com", "thelocal.se",
    "theperspective.com", "thepostpartumparty.com", "thestkittsnevisobserver.com", "theverge.com",
    "thisisjanewayne.com", "thm.de", "threatpost.com", "thw.de", "tierschutz-berlin.de", "tierwelt.ch",
    "timesofisrael.com", "tonight.de", "topagrar.com", "toptal.com", "toralin.de", "trails.de", "twincities.com",
    "ucoz.de", "uepo.de", "ukbdnews.com", "ultimahora.com", "umweltbundesamt.de", "unendlich-viel-energie.de",
    "univie.ac.at", "urania.de", "urlaubsarchitektur.de", "verbaende.com", "verivox.de", "vice.com",
    "viconsortium.com", "villagevoice.com", "vinosytapas.de", "vipflash.de", "vnexpress.net", "vogelwarte.ch",
    "volksstimme.ch", "von-der-see.de", "waz.de", "wehranlage-horka.de", "weinkenner.de", "welt.de",
    "werkzeugforum.de", "wevolver.com", "whiskyverkostung.com", "wind-energie.de", "wired.com", "wmn.de",
    "wochenblatt.cc", "wolfgangmichal.de", "wp.pl", "wpolityce.pl", "wsieciprawdy.pl", "xinhuanet.com",
    "youhadmeatgardening.com", "zamg.ac.at", "zdf.de", "zdh.de", "zeit.de", "zfk.de", "zugreiseblog.de",
    "zulang.wordpress.com", "zvei.org",
})
# END GENERATED

_A, _B = HALF_A, HALF_B

if __name__ == "__main__":
    main()
