"""Blogger-like HTML pages of a blog in the classic, layout and theme template generations (platforms.md §1.4)."""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass
from datetime import datetime

from archiver.demo.blog import Blog, Comment, Page, Post
from archiver.demo.text import first_image, snippet

BLANK_GIF = "https://resources.blogblog.com/img/blank.gif"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Listing:
    """One page of a post listing plus the URLs of its neighbours."""

    posts: list[Post]
    older_url: str | None
    newer_url: str | None


@dataclass
class Ctx:
    """Everything a page renderer needs to know about the page being built."""

    site: Blog
    base: str  # "http://127.0.0.1:54321", no trailing slash
    url: str  # canonical URL of the page (never carries m=1)
    kind: str  # "item" | "static" | "index" | "label" | "archive" | "error"
    mobile: bool = False
    title: str = ""  # <title>
    description: str = ""
    post: Post | None = None
    image: str | None = None

    def href(self, url: str) -> str:
        """Internal links of a mobile page carry ``m=1``, as on Blogger."""
        if not self.mobile or not url.startswith(self.base):
            return url
        main, hash_, fragment = url.partition("#")
        main += ("&" if "?" in main else "?") + "m=1"
        return main + hash_ + fragment

    @property
    def template(self) -> str:
        return self.site.template


# ---------------------------------------------------------------------------------------------------
# Style sheets: real skins are 20-40 KB of CSS, which dominates page weight, so we generate a comparable one.

_BASE_CSS = """/*
-----------------------------------------------
Blogger Template Style
Name:     {name}
Designer: Blogger
URL:      www.blogger.com
----------------------------------------------- */
/* Variable definitions
   ====================
   <Variable name="keycolor" description="Main Color" type="color" default="#66bbdd"/>
   <Group description="Page Text" selector="body">
     <Variable name="body.font" description="Font" type="font" default="normal normal 12px Arial, Tahoma, Helvetica, FreeSans, sans-serif"/>
     <Variable name="body.text.color" description="Text Color" type="color" default="#222222"/>
   </Group>
   <Variable name="body.background" description="Body Background" type="background" color="#eeeeee" default="$(color) none repeat scroll top left"/>
*/
/* Content
----------------------------------------------- */
body {{
  font: normal normal 14px Georgia, Utopia, 'Palatino Linotype', Palatino, serif;
  color: #222222;
  background: #f3f1ec none repeat scroll top left;
  padding: 0 40px 40px 40px;
}}
html body .region-inner {{ min-width: 0; max-width: 100%; width: auto; }}
h2 {{ font-size: 22px; }}
a:link {{ text-decoration: none; color: #2a5d8f; }}
a:visited {{ text-decoration: none; color: #6b4f8f; }}
a:hover {{ text-decoration: underline; color: #1b3d5f; }}
.body-fauxcolumn-outer .fauxcolumn-inner {{ background: transparent none repeat scroll top left; _background-image: none; }}
.body-fauxcolumn-outer .cap-top {{ position: absolute; z-index: 1; height: 400px; width: 100%; }}
.content-inner {{ padding: 10px 10px; }}
.content-inner {{ background-color: #ffffff; }}
/* Header
----------------------------------------------- */
.header-outer {{ background: transparent none repeat-x scroll 0 -400px; _background-image: none; }}
.Header h1 {{ font: normal normal 60px Georgia, Utopia, 'Palatino Linotype', Palatino, serif; color: #1b3d5f; text-shadow: -1px -1px 1px rgba(0, 0, 0, .2); }}
.Header h1 a {{ color: #1b3d5f; }}
.Header .description {{ font-size: 140%; color: #5f6b78; }}
.header-inner .Header .titlewrapper {{ padding: 22px 30px 0; }}
.header-inner .Header .descriptionwrapper {{ padding: 0 30px; margin-bottom: 25px; }}
/* Tabs
----------------------------------------------- */
.tabs-inner .section:first-child {{ border-top: 1px solid #eeeeee; }}
.tabs-inner .section:first-child ul {{ margin-top: -1px; border-top: 1px solid #eeeeee; border-left: 0 solid #eeeeee; border-right: 0 solid #eeeeee; }}
.tabs-inner .widget ul {{ background: #f5f5f5 url(https://resources.blogblog.com/blogblog/data/1kt/simple/gradients_light.png) repeat-x scroll 0 -800px; border-bottom: 1px solid #eeeeee; margin-top: 0; margin-left: -30px; margin-right: -30px; }}
.tabs-inner .widget ul a {{ display: inline-block; padding: .6em 1em; font: normal normal 14px Georgia, serif; color: #999999; border-left: 1px solid #ffffff; border-right: 1px solid #eeeeee; }}
/* Columns
----------------------------------------------- */
.main-outer {{ border-top: 0 solid #eeeeee; }}
.fauxcolumn-left-outer .fauxcolumn-inner {{ border-right: 1px solid #eeeeee; }}
.fauxcolumn-right-outer .fauxcolumn-inner {{ border-left: 1px solid #eeeeee; }}
/* Headings
----------------------------------------------- */
div.widget > h2, div.widget h2.title {{ margin: 0 0 1em 0; font: normal bold 11px Georgia, serif; color: #000000; }}
/* Widgets
----------------------------------------------- */
.widget .zippy {{ color: #999999; text-shadow: 2px 2px 1px rgba(0, 0, 0, .1); }}
.widget .popular-posts ul {{ list-style: none; }}
/* Posts
----------------------------------------------- */
h2.date-header {{ font: normal bold 11px Arial, Tahoma, Helvetica, FreeSans, sans-serif; }}
.date-header span {{ background-color: #bbbbbb; color: #ffffff; padding: inherit; letter-spacing: inherit; margin: inherit; }}
.main-inner {{ padding-top: 30px; padding-bottom: 30px; }}
.main-inner .column-center-inner {{ padding: 0 15px; }}
.main-inner .column-center-inner .section {{ margin: 0 15px; }}
.post {{ margin: 0 0 25px 0; }}
h3.post-title, .comments h4 {{ font: normal normal 22px Georgia, serif; margin: .75em 0 0; }}
.post-body {{ font-size: 110%; line-height: 1.4; position: relative; }}
.post-body img, .post-body .tr-caption-container, .Profile img, .Image img, .BlogList .item-thumbnail img {{ padding: 2px; background: #ffffff; border: 1px solid #eeeeee; box-shadow: 1px 1px 5px rgba(0, 0, 0, .1); }}
.post-body img, .post-body .tr-caption-container {{ padding: 5px; }}
.post-body .tr-caption-container {{ color: #666666; }}
.post-body .tr-caption-container img {{ padding: 0; background: transparent; border: none; box-shadow: 0 0 0 rgba(0, 0, 0, .1); }}
.post-header {{ margin: 0 0 1.5em; line-height: 1.6; font-size: 90%; }}
.post-footer {{ margin: 20px -2px 0; padding: 5px 10px; color: #666666; background-color: #f9f9f9; border-bottom: 1px solid #eeeeee; line-height: 1.6; font-size: 90%; }}
#comments .comment-author {{ padding-top: 1.5em; border-top: 1px solid #eeeeee; background-position: 0 1.5em; }}
#comments .comment-author:first-child {{ padding-top: 0; border-top: none; }}
.avatar-image-container {{ margin: .2em 0 0; }}
#comments .avatar-image-container img {{ border: 1px solid #eeeeee; }}
.comments .comments-content .icon.blog-author {{ background-repeat: no-repeat; }}
.comments .comment-thread.inline-thread {{ background-color: #f9f9f9; }}
.comments .continue {{ border-top: 2px solid #f9f9f9; }}
/* Accents
---------------------------------------------- */
.section-columns td.columns-cell {{ border-left: 1px solid #eeeeee; }}
.blog-pager {{ background: transparent none no-repeat scroll top center; }}
.blog-pager-older-link, .home-link, .blog-pager-newer-link {{ background-color: #ffffff; padding: 5px; }}
.footer-outer {{ border-top: 0 dashed #bbbbbb; }}
/* Mobile
----------------------------------------------- */
body.mobile {{ background-size: auto; }}
.mobile .body-fauxcolumn-outer {{ background: transparent none repeat scroll top left; }}
.mobile .content-outer {{ -webkit-box-shadow: 0 0 3px rgba(0, 0, 0, .15); box-shadow: 0 0 3px rgba(0, 0, 0, .15); }}
.mobile .tabs-inner .widget ul {{ margin-left: 0; margin-right: 0; }}
.mobile .post {{ margin: 0; }}
.mobile .main-inner .column-center-inner .section {{ margin: 0; }}
.mobile .date-header span {{ padding: .1em 10px; margin: 0 -10px; }}
.mobile h3.post-title {{ margin: 0; }}
.mobile .blog-pager {{ background: transparent none no-repeat scroll top center; }}
.mobile .footer-outer {{ border-top: none; }}
.mobile .main-inner, .mobile .footer-inner {{ background-color: #ffffff; }}
.mobile-index-contents {{ color: #222222; }}
.mobile-link-button {{ background-color: #2a5d8f; }}
.mobile-link-button a:link, .mobile-link-button a:visited {{ color: #ffffff; }}
.mobile .tabs-inner .section:first-child {{ border-top: none; }}
"""

_WIDGETS = (
    "Header", "Blog", "Profile", "BlogArchive", "Label", "PopularPosts", "HTML", "PageList", "Attribution",
    "Navbar", "Feed", "FollowByEmail", "BlogSearch", "Image", "Text", "LinkList", "Subscribe", "Stats",
    "ContactForm", "Translate", "Followers", "ReportAbuse", "FeaturedPost", "BlogList", "AdSense", "Wikipedia",
)
_WIDGET_RULES = (
    ".widget.{w} {{ margin: 30px 0; _margin: 0 0 10px; line-height: 1.4; }}",
    ".widget.{w} h2, .widget.{w} .title {{ font: normal bold 11px Georgia, serif; text-transform: uppercase; letter-spacing: .2em; color: #000000; }}",
    ".widget.{w} .widget-content {{ font: normal normal 12px Georgia, serif; color: #333333; padding: 0 0 .25em; }}",
    ".widget.{w} ul {{ padding: 0 0 0 1.25em; margin: 0; line-height: 1.2; }}",
    ".widget.{w} li {{ padding: .25em 0; margin: 0; list-style: disc; border-top: 1px dotted #eeeeee; }}",
    ".widget.{w} li:first-child {{ border-top: none; padding-top: 0; }}",
    ".widget.{w} a:link {{ color: #2a5d8f; text-decoration: none; }}",
    ".widget.{w} a:visited {{ color: #6b4f8f; }}",
    ".widget.{w} a:hover {{ color: #1b3d5f; text-decoration: underline; }}",
    ".widget.{w} .item-control, .widget.{w} .widget-item-control {{ display: none; }}",
    ".widget.{w} .clear {{ clear: both; height: 0; overflow: hidden; }}",
    "body#layout .widget.{w} {{ padding: 4px 8px; background: #f0f0f0 none repeat scroll 0 0; border: 1px dashed #cccccc; }}",
)
_BREAKPOINTS = (1400, 1200, 1100, 1024, 960, 840, 800, 768, 720, 640, 600, 480, 400, 360, 320)
_BREAKPOINT_RULES = (
    ".content-outer, .content-fauxcolumn-outer, .region-inner {{ min-width: {w}px; max-width: {w}px; _width: {w}px; }}",
    ".main-inner .columns {{ padding-left: 0; padding-right: {r}px; }}",
    ".main-inner .fauxcolumn-right-outer {{ width: {r}px; }}",
    ".main-inner .column-right-outer {{ width: {r}px; margin-right: -{r}px; }}",
    ".post-body img {{ max-width: {img}px; height: auto; }}",
    ".Header h1 {{ font-size: {h1}px; }}",
    ".tabs-inner .widget ul a {{ padding: .5em {pad}em; }}",
    ".blog-pager {{ margin: {pad}em 0; }}",
)


@functools.lru_cache(maxsize=8)
def skin_css(template: str) -> str:
    """The inline ``<style id='page-skin-1'>`` text of a template."""
    name = {"classic": "Minima (classic)", "layout": "Simple", "theme": "Contempo"}[template]
    parts = [_BASE_CSS.format(name=name)]
    parts.append("/* Widgets\n----------------------------------------------- */")
    for widget in _WIDGETS:
        parts.extend(rule.format(w=widget) for rule in _WIDGET_RULES)
    parts.append("/* Responsive\n----------------------------------------------- */")
    for width in _BREAKPOINTS:
        values = {"w": width, "r": max(160, width // 4), "img": width - 80, "h1": max(28, width // 20), "pad": round(width / 1000, 2)}
        inner = "\n".join("  " + rule.format(**values) for rule in _BREAKPOINT_RULES)
        parts.append(f"@media (max-width: {width}px) {{\n{inner}\n}}")
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------------
# Head, navbar, scripts


def _head(ctx: Ctx, extra: str = "") -> str:
    site = ctx.site
    title = esc(ctx.title or site.title)
    lines = [
        "<link href='https://www.blogger.com/static/v1/widgets/2437439463-css_bundle_v2.css' rel='stylesheet' type='text/css'/>",
        "<meta content='width=1100' name='viewport'/>" if ctx.template != "theme"
        else "<meta content='width=device-width, initial-scale=1' name='viewport'/>",
        "<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>",
    ]
    if site.generator_meta:
        lines.append("<meta content='blogger' name='generator'/>")
    lines += [
        f"<link href='{ctx.base}/favicon.ico' rel='icon' type='image/x-icon'/>",
        f"<link href='{esc(ctx.url)}' rel='canonical'/>",
    ]
    if site.feed_enabled:
        lines += [
            f"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{esc(site.title)} - Atom\" href=\"{ctx.base}/feeds/posts/default\" />",
            f"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{esc(site.title)} - RSS\" href=\"{ctx.base}/feeds/posts/default?alt=rss\" />",
        ]
    lines.append(f"<link rel=\"service.post\" type=\"application/atom+xml\" title=\"{esc(site.title)} - Atom\" href=\"{site.service_feed_url}\" />")
    if ctx.post is not None and site.feed_enabled:
        lines.append(f"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{esc(site.title)} - Atom\" href=\"{ctx.base}/feeds/{ctx.post.post_id}/comments/default\" />")
    if not ctx.mobile and ctx.kind != "error":
        mobile_url = ctx.url + ("&" if "?" in ctx.url else "?") + "m=1"
        lines.append(f"<link rel=\"alternate\" media=\"only screen and (max-width: 640px)\" href=\"{esc(mobile_url)}\" />")
    if ctx.image:
        lines.append(f"<link href='{esc(ctx.image)}' rel='image_src'/>")
    lines += [
        f"<meta content='{esc(ctx.url)}' property='og:url'/>",
        f"<meta content='{esc(ctx.post.title if ctx.post and ctx.post.title else site.title)}' property='og:title'/>",
        f"<meta content='{esc(ctx.description or site.description)}' property='og:description'/>",
    ]
    if ctx.image:
        lines.append(f"<meta content='{esc(ctx.image)}' property='og:image'/>")
    lines += [
        "<!--[if IE]><script type=\"text/javascript\" src=\"https://www.blogger.com/static/v1/jsbin/3382421118-ieretrofit.js\"></script>\n<![endif]-->",
        f"<title>{title}</title>",
        extra,
        f"<style id='page-skin-1' type='text/css'><!--\n{skin_css(ctx.template)}\n--></style>",
        "<style id='template-skin-1' type='text/css'><!--\n    body { min-width: 960px; }\n    .content-outer, .content-fauxcolumn-outer, .region-inner { min-width: 960px; max-width: 960px; _width: 960px; }\n    .main-inner .columns { padding-left: 0px; padding-right: 310px; }\n    .main-inner .fauxcolumn-right-outer { width: 310px; }\n--></style>",
        _ads_script(),
    ]
    return "<head>\n" + "\n".join(line for line in lines if line) + "\n</head>"


def _ads_script() -> str:
    return (
        "<script type=\"text/javascript\" language=\"javascript\">\n"
        "  // Supply ads personalization default for EEA readers\n"
        "  // See https://www.blogger.com/go/adspersonalization\n"
        "  adsbygoogle = window.adsbygoogle || [];\n"
        "  if (typeof adsbygoogle.requestNonPersonalizedAds === 'undefined') {\n"
        "    adsbygoogle.requestNonPersonalizedAds = 1;\n  }\n</script>"
    )


def _navbar(ctx: Ctx) -> str:
    site = ctx.site
    post_part = f"\\x26targetPostID\\x3d{ctx.post.post_id}" if ctx.post else ""
    return (
        "<div class='navbar section' id='navbar' name='Navbar'><div class='widget Navbar' data-version='1' id='Navbar1'>"
        "<script type=\"text/javascript\">\n    function setAttributeOnload(object, attribute, val) {\n"
        "      if(window.addEventListener) {\n        window.addEventListener('load',\n"
        "          function(){ object[attribute] = val; }, false);\n      } else {\n"
        "        window.attachEvent('onload', function(){ object[attribute] = val; });\n      }\n    }\n  </script>\n"
        "<div id=\"navbar-iframe-container\"></div>\n"
        "<script type=\"text/javascript\" src=\"https://apis.google.com/js/platform.js\"></script>\n"
        "<script type=\"text/javascript\">\n      gapi.load(\"gapi.iframes:gapi.iframes.style.bubble\", function() {\n"
        "        if (gapi.iframes && gapi.iframes.getContext) {\n          gapi.iframes.getContext().openChild({\n"
        f"              url: 'https://www.blogger.com/navbar.g?targetBlogID\\x3d{site.blog_id}\\x26blogName\\x3d"
        f"{esc(site.title).replace(' ', '+')}\\x26publishMode\\x3dPUBLISH_MODE_BLOGSPOT\\x26navbarType\\x3dLIGHT"
        f"\\x26layoutType\\x3dLAYOUTS\\x26searchRoot\\x3d{ctx.base}/search\\x26blogLocale\\x3d{site.language}"
        f"\\x26v\\x3d2\\x26homepageUrl\\x3d{ctx.base}/{post_part}\\x26vt\\x3d-4213427598457960932',\n"
        "              where: document.getElementById(\"navbar-iframe-container\"),\n              id: \"navbar-iframe\"\n"
        "          });\n        }\n      });\n    </script>\n</div></div>"
    )


def _comments_script(ctx: Ctx) -> str:
    # Recent-posts gadgets read dates from the JSON feed in JavaScript; the literal fallback date is a
    # trap for extractors that regex dates out of <script>.
    return (
        "<script type='text/javascript'>\n//<![CDATA[\n"
        "var numposts = 5;\nvar showpostdate = true;\nvar fallbackDate = \"2009-01-01T00:00:00\";\n"
        "function showrecentposts(json) {\n  var list = document.getElementById('recent-posts-list');\n"
        "  for (var i = 0; i < numposts; i++) {\n    var entry = json.feed.entry[i];\n"
        "    if (!entry) break;\n    var posttitle = entry.title.$t;\n"
        "    var postdate = entry.published.$t || fallbackDate;\n"
        "    var cdyear = postdate.substring(0, 4);\n    var cdmonth = postdate.substring(5, 7);\n"
        "    var cdday = postdate.substring(8, 10);\n    var posturl;\n"
        "    for (var k = 0; k < entry.link.length; k++) {\n"
        "      if (entry.link[k].rel == 'alternate') { posturl = entry.link[k].href; break; }\n    }\n"
        "    var item = document.createElement('li');\n"
        "    item.innerHTML = '<a href=\"' + posturl + '\">' + posttitle + '</a>' +\n"
        "      (showpostdate ? ' - ' + cdday + '/' + cdmonth + '/' + cdyear : '');\n"
        "    if (list) list.appendChild(item);\n  }\n}\n"
        f"var commentsFeed = '{ctx.base}/feeds/comments/default';\n//]]>\n</script>"
    )


def _widget_manager(ctx: Ctx) -> str:
    site = ctx.site
    data = {
        "blogId": site.blog_id, "title": site.title, "url": ctx.url, "canonicalUrl": ctx.url,
        "homepageUrl": ctx.base + "/", "searchUrl": ctx.base + "/search", "canonicalHomepageUrl": ctx.base + "/",
        "blogspotFaviconUrl": ctx.base + "/favicon.ico", "bloggerUrl": "https://www.blogger.com",
        "hasCustomDomain": not site.generator_meta, "httpsEnabled": True, "enabledCommentProfileImages": True,
        "adultContent": False, "encoding": "UTF-8", "locale": site.language, "languageDirection": "ltr",
        "isPrivate": False, "isMobile": ctx.mobile, "isMobileRequest": ctx.mobile,
        "mobileClass": " mobile" if ctx.mobile else "", "isPrivateBlog": False, "isDynamicViewsAvailable": True,
        "feedLinks": f"<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{ctx.base}/feeds/posts/default\" />",
        "meTag": "", "adsenseHostId": "ca-host-pub-1556223355139109", "adsenseHasAds": False,
        "view": "", "dynamicViewsCommentsSrc": "//www.blogblog.com/dynamicviews/4224c15c4e7c9321/js/comments.js",
        "dynamicViewsScriptSrc": "//www.blogblog.com/dynamicviews/a26ecadc30bb77e6", "plusOneApiSrc": "https://apis.google.com/js/platform.js",
        "disableGComments": True, "interstitialAccepted": False, "sharing": {
            "platforms": [{"name": "Get link", "key": "link", "shareMessage": "Get link", "target": ""},
                          {"name": "Facebook", "key": "facebook", "shareMessage": "Share to Facebook", "target": "facebook"},
                          {"name": "BlogThis!", "key": "blogThis", "shareMessage": "BlogThis!", "target": "blog"},
                          {"name": "Twitter", "key": "twitter", "shareMessage": "Share to Twitter", "target": "twitter"},
                          {"name": "Pinterest", "key": "pinterest", "shareMessage": "Share to Pinterest", "target": "pinterest"},
                          {"name": "Email", "key": "email", "shareMessage": "Email", "target": "email"}],
            "disableGooglePlus": True, "googlePlusShareButtonWidth": 0,
            "googlePlusBootstrap": "<script type=\"text/javascript\">window.___gcfg = {'lang': 'en'};</script>"},
        "hasCustomJumpLinkMessage": False, "jumpLinkMessage": site.strings.read_more,
        "pageType": {"item": "item", "static": "static_page", "label": "index", "archive": "archive"}.get(ctx.kind, "index"),
        "postId": ctx.post.post_id if ctx.post else "", "pageName": (ctx.post.title or "") if ctx.post else "",
        "pageTitle": ctx.title or site.title,
    }
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace('"', "'")
    widgets = "\n".join(
        f"_WidgetManager._RegisterWidget('_{name}View', new _WidgetInfo('{wid}', '{section}', "
        f"document.getElementById('{wid}'), {{}}, 'displayModeFull'));"
        for name, wid, section in (
            ("Navbar", "Navbar1", "navbar"), ("Header", "Header1", "header"), ("PageList", "PageList1", "crosscol"),
            ("Blog", "Blog1", "main"), ("Profile", "Profile1", "sidebar-right-1"),
            ("BlogArchive", "BlogArchive1", "sidebar-right-1"), ("Label", "Label1", "sidebar-right-1"),
            ("PopularPosts", "PopularPosts1", "sidebar-right-1"), ("HTML", "HTML1", "sidebar-right-1"),
            ("Attribution", "Attribution1", "footer-3"),
        )
    )
    return (
        "<script type=\"text/javascript\" src=\"https://www.blogger.com/static/v1/widgets/1601900224-widgets.js\"></script>\n"
        "<script type='text/javascript'>\n"
        f"window['__wavt'] = 'AOuZoY5{site.blog_id[:12]}:1700000000000';"
        f"_WidgetManager._Init('//www.blogger.com/rearrange?blogID\\x3d{site.blog_id}','{ctx.url}','{site.blog_id}');\n"
        f"_WidgetManager._SetDataContext([{{'name': 'blog', 'data': {blob}}}]);\n{widgets}\n</script>"
    )


# ---------------------------------------------------------------------------------------------------
# Post pieces shared by the templates


def _iso(site: Blog, dt: datetime) -> str:
    return site.rfc3339(dt)


def _labels_links(ctx: Ctx, post: Post) -> str:
    return ",\n".join(
        f"<a href='{esc(ctx.href(ctx.base + ctx.site.label_path(label)))}' rel='tag'>{esc(label)}</a>"
        for label in post.labels
    )


def _share_buttons(ctx: Ctx, post: Post, css: str = "post-share-buttons goog-inline-block") -> str:
    s, site = ctx.site.strings, ctx.site
    base = f"https://www.blogger.com/share-post.g?blogID={site.blog_id}&amp;postID={post.post_id}"
    buttons = [
        ("sb-email", "email", s.email_this), ("sb-blog", "blog", s.blog_this), ("sb-twitter", "twitter", s.share_twitter),
        ("sb-facebook", "facebook", s.share_facebook), ("sb-pinterest", "pinterest", s.share_pinterest),
    ]
    links = "\n".join(
        f"<a class='goog-inline-block share-button {cls}' href='{base}&amp;target={target}' target='_blank' "
        f"title='{esc(text)}'><span class='share-button-link-text'>{esc(text)}</span></a>"
        for cls, target, text in buttons
    )
    return f"<div class='{css}'>\n{links}\n</div>"


def _comment_date(ctx: Ctx, comment: Comment) -> str:
    local = ctx.site.local(comment.published)
    s = ctx.site.strings
    return s.comment_date_format.format(
        month=s.months[local.month - 1], day=local.day, year=local.year, time=s.time_of_day(local)
    )


def _comment_list(ctx: Ctx, post: Post) -> str:
    url = ctx.base + post.path
    rows = []
    for c in post.comments:
        link = f"{url}?showComment={c.epoch_ms}#c{c.comment_id}"
        rows.append(
            f"<dt class='comment-author' id='c{c.comment_id}'>\n<a name='c{c.comment_id}'></a>\n"
            f"<div class=\"avatar-image-container avatar-stock\"><span dir=\"ltr\"><img src=\"{BLANK_GIF}\" width=\"35\" height=\"35\" alt=\"\" title=\"{esc(c.author)}\"></span></div>\n"
            f"<a href='{ctx.site.profile_url_of(c.author)}' rel='nofollow'>{esc(c.author)}</a>\n{esc(ctx.site.strings.said)}\n</dt>\n"
            f"<dd class='comment-body' id='Blog1_cmt-{c.comment_id}'>\n<p>\n{c.body_html}\n</p>\n</dd>\n"
            f"<dd class='comment-footer'>\n<span class='comment-timestamp'>\n"
            f"<a href='{esc(ctx.href(link))}' title='comment permalink'>\n{esc(_comment_date(ctx, c))}\n</a>\n"
            f"<span class='item-control blog-admin pid-1882046133'>\n"
            f"<a class='comment-delete' href='https://www.blogger.com/comment/delete/{ctx.site.blog_id}/{c.comment_id}' title='Delete Comment'>\n"
            "<img src='https://resources.blogblog.com/img/icon_delete13.gif'/>\n</a>\n</span>\n</span>\n</dd>"
        )
    return "\n".join(rows)


def _comments_section(ctx: Ctx, post: Post) -> str:
    s, site = ctx.site.strings, ctx.site
    form = f"https://www.blogger.com/comment.g?blogID={site.blog_id}&amp;postID={post.post_id}"
    if ctx.template == "classic":
        return (
            f"<div id='comments'>\n<a name='comments'></a>\n<h4>{esc(s.classic_comments.format(n=len(post.comments)))}</h4>\n"
            f"<dl id='comments-block'>\n{_comment_list(ctx, post)}\n</dl>\n"
            f"<p class='comment-timestamp'>\n<a class='comment-link' href='{form}'>{esc(s.post_a_comment)}</a>\n</p>\n"
            f"<p class='comment-timestamp'>\n<a href='{esc(ctx.href(ctx.base + '/'))}'>&lt;&lt; {esc(s.home)}</a>\n</p>\n</div>"
        )
    if ctx.template == "theme":
        return (
            f"<section class='comments embed' data-num-comments='{len(post.comments)}' id='comments'>\n<a name='comments'></a>\n"
            f"<h3 class='title'>{esc(s.comments_heading(len(post.comments)))}</h3>\n"
            f"<div class='comments-content'><dl id='comments-block'>\n{_comment_list(ctx, post)}\n</dl></div>\n"
            f"<div class='footer'>\n<div class='comment-form'>\n<a name='comment-form'></a>\n"
            f"<h4 class='title' id='comment-post-message'>{esc(s.post_a_comment)}</h4>\n"
            f"<a href='{form}' id='comment-editor-src'></a>\n"
            "<iframe allowtransparency='allowtransparency' class='blogger-iframe-colorize blogger-comment-from-post' "
            "frameborder='0' height='410px' id='comment-editor' name='comment-editor' src='' width='100%'></iframe>\n"
            "</div>\n</div>\n</section>"
        )
    return (
        f"<div class='comments' id='comments'>\n<a name='comments'></a>\n<h4>{esc(s.comments_heading(len(post.comments)))}</h4>\n"
        f"<div id='Blog1_comments-block-wrapper'>\n<dl class='avatar-comment-indent' id='comments-block'>\n"
        f"{_comment_list(ctx, post)}\n</dl>\n</div>\n"
        f"<p class='comment-footer'>\n<a href='{form}' onclick=''>{esc(s.post_a_comment)}</a>\n</p>\n"
        "<div id='backlinks-container'>\n<div id='Blog1_backlinks-container'>\n</div>\n</div>\n</div>"
    )


def _comment_link(ctx: Ctx, post: Post) -> str:
    count = len(post.comments)
    fragment = "#comments" if count or ctx.kind == "item" else "#comment-form"
    text = ctx.site.strings.comments_heading(count)
    if ctx.template == "classic":
        text = ctx.site.strings.classic_comments.format(n=count).rstrip(":").lower()
    return (f"<a class='comment-link' href='{esc(ctx.href(ctx.base + post.path + fragment))}' "
            f"onclick=''>{esc(text)}</a>")


def _title_html(ctx: Ctx, post: Post, css: str, item: bool) -> str:
    if not post.title:  # Blogger omits the heading entirely for untitled posts
        return ""
    inner = esc(post.title) if item else f"<a href='{esc(ctx.href(ctx.base + post.path))}'>{esc(post.title)}</a>"
    return f"<h3 class='{css}' itemprop='name'>\n{inner}\n</h3>"


def _post_metas(ctx: Ctx, post: Post) -> str:
    image = first_image(post.body_html)
    image_meta = f"<meta content='{esc(image)}' itemprop='image_url'/>\n" if image else ""
    return (f"{image_meta}<meta content='{ctx.site.blog_id}' itemprop='blogId'/>\n"
            f"<meta content='{post.post_id}' itemprop='postId'/>\n<a name='{post.post_id}'></a>")


# -- classic (A) ------------------------------------------------------------------------------------


def _classic_post(ctx: Ctx, post: Post, item: bool) -> str:
    s, site = ctx.site.strings, ctx.site
    url = ctx.base + post.path
    local = site.local(post.published)
    labels = f"<p>{esc(s.labels)} {_labels_links(ctx, post)}</p>" if post.labels else ""
    title = ""
    if post.title:
        title = (f"<h3 class='post-title'>\n{esc(post.title)}\n</h3>" if item else
                 f"<h3 class='post-title'>\n<a href='{esc(ctx.href(url))}'>{esc(post.title)}</a>\n</h3>")
    return (
        f"<div class='post'>\n<a name='{post.post_id}'></a>\n{title}\n"
        f"<div class='post-body'>\n<div>\n{post.body_html}\n</div>\n{labels}\n</div>\n"
        f"<p class='post-footer'>\n<em>{esc(s.classic_posted_by)} {esc(post.author)} {esc(s.posted_at)} "
        f"<a href='{esc(ctx.href(url))}' title='permanent link'>{esc(s.time_of_day(local))}</a></em>\n"
        f"{'' if item else _comment_link(ctx, post)}\n"
        f"<span class='item-control blog-admin pid-1882046133'><a href='https://www.blogger.com/post-edit.g?blogID={site.blog_id}&amp;postID={post.post_id}' title='Edit Post'>"
        "<img alt='' class='icon-action' height='18' src='https://resources.blogblog.com/img/icon18_edit_allbkg.gif' width='18'/></a></span>\n"
        f"</p>\n</div>\n{_comments_section(ctx, post) if item else ''}"
    )


# -- layout (B) -------------------------------------------------------------------------------------


def _layout_post(ctx: Ctx, post: Post, item: bool) -> str:
    s, site = ctx.site.strings, ctx.site
    url = ctx.base + post.path
    local = site.local(post.published)
    profile = site.profile_url_of(post.author)
    labels = ""
    if post.labels:
        labels = f"{esc(s.labels)}\n{_labels_links(ctx, post)}"
    return (
        "<div class='post-outer'>\n"
        "<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' "
        "itemtype='http://schema.org/BlogPosting'>\n"
        f"{_post_metas(ctx, post)}\n{_title_html(ctx, post, 'post-title entry-title', item)}\n"
        "<div class='post-header'>\n<div class='post-header-line-1'></div>\n</div>\n"
        f"<div class='post-body entry-content' id='post-body-{post.post_id}' itemprop='description articleBody'>\n"
        f"{post.body_html}\n<div style='clear: both;'></div>\n</div>\n"
        "<div class='post-footer'>\n<div class='post-footer-line post-footer-line-1'>\n"
        f"<span class='post-author vcard'>\n{esc(s.posted_by)}\n"
        "<span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'>\n"
        f"<meta content='{profile}' itemprop='url'/>\n"
        f"<a class='g-profile' href='{profile}' rel='author' title='author profile'>\n"
        f"<span itemprop='name'>{esc(post.author)}</span>\n</a>\n</span>\n</span>\n"
        f"<span class='post-timestamp'>\n{esc(s.posted_at)}\n<meta content='{esc(url)}' itemprop='url'/>\n"
        f"<a class='timestamp-link' href='{esc(ctx.href(url))}' rel='bookmark' title='permanent link'>"
        f"<abbr class='published' itemprop='datePublished' title='{_iso(site, post.published)}'>"
        f"{esc(s.time_of_day(local))}</abbr></a>\n</span>\n"
        "<span class='reaction-buttons'>\n</span>\n"
        f"<span class='post-comment-link'>\n{_comment_link(ctx, post)}\n</span>\n"
        "<span class='post-icons'>\n<span class='item-action'>\n"
        f"<a href='https://www.blogger.com/email-post.g?blogID={site.blog_id}&amp;postID={post.post_id}' title='Email Post'>\n"
        "<img alt='' class='icon-action' height='13' src='https://resources.blogblog.com/img/icon18_email.gif' width='18'/>\n</a>\n</span>\n"
        "<span class='item-control blog-admin pid-1882046133'>\n"
        f"<a href='https://www.blogger.com/post-edit.g?blogID={site.blog_id}&amp;postID={post.post_id}&amp;from=pencil' title='Edit Post'>\n"
        "<img alt='' class='icon-action' height='18' src='https://resources.blogblog.com/img/icon18_edit_allbkg.gif' width='18'/>\n</a>\n</span>\n</span>\n"
        f"{_share_buttons(ctx, post)}\n</div>\n"
        f"<div class='post-footer-line post-footer-line-2'>\n<span class='post-labels'>\n{labels}\n</span>\n</div>\n"
        "<div class='post-footer-line post-footer-line-3'>\n<span class='post-location'>\n</span>\n</div>\n"
        "</div>\n</div>\n"
        f"{_comments_section(ctx, post) if item else ''}\n</div>"
    )


# -- theme (C) --------------------------------------------------------------------------------------


def _json_ld(ctx: Ctx, post: Post) -> str:
    site = ctx.site
    image = first_image(post.body_html) or "https://lh3.googleusercontent.com/ULB6iBuCeTVvSjjjU1A-O8e9ZpVba6uvyhtiWRti_rBAs9yMYOFBujxriJRZ-A=w1200"
    data = {
        "@context": "http://schema.org", "@type": "BlogPosting",
        "mainEntityOfPage": {"@type": "WebPage", "@id": ctx.base + post.path},
        "headline": post.title or "", "description": ctx.description,
        "datePublished": _iso(site, post.published), "dateModified": _iso(site, post.last_modified),
        "image": {"@type": "ImageObject", "url": image, "height": 630, "width": 1200},
        "publisher": {"@type": "Organization", "name": "Blogger", "logo": {
            "@type": "ImageObject", "url": "https://lh3.googleusercontent.com/ULB6iBuCeTVvSjjjU1A-O8e9ZpVba6uvyhtiWRti_rBAs9yMYOFBujxriJRZ-A=h60",
            "width": 206, "height": 60}},
        "author": {"@type": "Person", "name": post.author},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f"<script type='application/ld+json'>{text}</script>"


def _theme_timestamp(ctx: Ctx, post: Post) -> str:
    site = ctx.site
    url = ctx.base + post.path
    iso = _iso(site, post.published)
    return (
        f"<span class='byline post-timestamp'>\n<meta content='{esc(url)}'/>\n"
        f"<a class='timestamp-link' href='{esc(ctx.href(url))}' rel='bookmark' title='permanent link'>\n"
        f"<time class='published' datetime='{iso}' title='{iso}'>{esc(site.strings.theme_date(site.local(post.published)))}</time>\n"
        "</a>\n</span>"
    )


def _theme_post(ctx: Ctx, post: Post, item: bool) -> str:
    s, site = ctx.site.strings, ctx.site
    url = ctx.base + post.path
    profile = site.profile_url_of(post.author)
    title = _title_html(ctx, post, "post-title entry-title", item)
    author = (
        f"<span class='byline post-author vcard'>\n<span class='post-author-label'>\n{esc(s.posted_by)}\n</span>\n"
        f"<span class='fn'>\n<meta content='{profile}'/>\n<a class='g-profile' href='{profile}' rel='author' "
        f"title='author profile'>\n<span>{esc(post.author)}</span>\n</a>\n</span>\n</span>"
    )
    labels = ""
    if post.labels:
        labels = (f"<span class='byline post-labels'>\n<span class='byline-label'>{esc(s.labels)}</span>\n"
                  f"{_labels_links(ctx, post)}\n</span>")
    if item:
        body = (f"<div class='post-body entry-content float-container' id='post-body-{post.post_id}'>\n"
                f"{post.body_html}\n</div>")
    else:
        body = (
            f"<div class='container post-body entry-content' id='post-snippet-{post.post_id}'>\n"
            "<div class='post-snippet snippet-container r-snippet-container'>\n"
            f"<div class='snippet-item r-snippetized'>\n{esc(snippet(post.body_html, 300))}\n</div>\n"
            "<div class='snippet-fade r-snippet-fade hidden'></div>\n</div>\n</div>\n"
            f"<div class='jump-link flat-button'>\n<a class='r-snippet-fade' href='{esc(ctx.href(url))}' "
            f"title='{esc(post.title or '')}'>\n{esc(s.keep_reading)}\n</a>\n</div>"
        )
    return (
        f"<div class='post-outer-container'>\n<div class='post-outer'>\n<div class='post'>\n"
        f"{_json_ld(ctx, post) if item else ''}\n{_post_metas(ctx, post)}\n"
        f"<div class='post-title-container'>\n{title}\n</div>\n"
        f"<div class='post-header'>\n<div class='post-header-line-1'>\n{author}\n{_theme_timestamp(ctx, post)}\n</div>\n</div>\n"
        f"{body}\n"
        "<div class='post-footer'>\n<div class='post-footer-line post-footer-line-1'>\n"
        f"{_share_buttons(ctx, post, 'byline post-share-buttons goog-inline-block')}\n"
        f"<span class='byline post-comment-link container'>\n{_comment_link(ctx, post)}\n</span>\n</div>\n"
        f"<div class='post-footer-line post-footer-line-2'>\n{labels}\n</div>\n</div>\n"
        f"</div>\n</div>\n{_comments_section(ctx, post) if item else ''}\n</div>"
    )


# ---------------------------------------------------------------------------------------------------
# Post lists: one post page or a listing


def _date_header(ctx: Ctx, post: Post) -> str:
    text = esc(ctx.site.strings.date_header(ctx.site.local(post.published)))
    if ctx.template == "classic":
        return f"<h2 class='date-header'>{text}</h2>"
    return f"<h2 class='date-header'><span>{text}</span></h2>"


def _posts_html(ctx: Ctx, posts: list[Post], item: bool) -> str:
    """The ``div.blog-posts`` body: date groups for classic/layout, flat for theme."""
    if ctx.template == "theme":
        inner = "\n".join(_theme_post(ctx, p, item) for p in posts)
        return f"<div class='blog-posts hfeed container'>\n{inner}\n</div>"
    render = _classic_post if ctx.template == "classic" else _layout_post
    chunks: list[str] = []
    last_day = None
    for post in posts:
        day = ctx.site.local(post.published).date()
        if ctx.template == "classic":
            if day != last_day:  # classic shows the date header on the first post of each day only
                chunks.append(_date_header(ctx, post))
            chunks.append(render(ctx, post, item))
        else:
            if day != last_day:
                if last_day is not None:
                    chunks.append("</div></div>")
                chunks.append(f"<div class=\"date-outer\">\n{_date_header(ctx, post)}\n<div class=\"date-posts\">")
            chunks.append(render(ctx, post, item))
        last_day = day
    if ctx.template == "layout" and posts:
        chunks.append("</div></div>")
    css = "blog-posts hfeed" if ctx.template == "layout" else "blog-posts"
    return f"<div class='{css}'>\n" + "\n".join(chunks) + "\n</div>"


def _pager(ctx: Ctx, newer: str | None, older: str | None, item: bool) -> str:
    s = ctx.site.strings
    newer_text, older_text = (s.newer_post, s.older_post) if item else (s.newer, s.older)
    if ctx.template == "theme" and not item:
        older_text = s.more_posts
    parts = ["<div class='blog-pager' id='blog-pager'>"]
    if newer:
        parts.append(f"<span id='blog-pager-newer-link'>\n<a class='blog-pager-newer-link' href='{esc(ctx.href(newer))}' "
                     f"id='Blog1_blog-pager-newer-link' title='{esc(newer_text)}'>{esc(newer_text)}</a>\n</span>")
    if older:
        extra = " flat-button ripple" if ctx.template == "theme" else ""
        data_load = f" data-load='{esc(ctx.href(older))}'" if ctx.template == "theme" else ""
        parts.append(f"<span id='blog-pager-older-link'>\n<a class='blog-pager-older-link{extra}' href='{esc(ctx.href(older))}'"
                     f"{data_load} id='Blog1_blog-pager-older-link' title='{esc(older_text)}'>{esc(older_text)}</a>\n</span>")
    parts.append(f"<a class='home-link' href='{esc(ctx.href(ctx.base + '/'))}'>{esc(s.home)}</a>")
    if ctx.mobile:
        parts.append(f"<div class='mobile-link-button' id='blog-pager-web-link'><a href='{esc(_web_version(ctx))}'>"
                     f"{esc(s.view_web_version)}</a></div>")
    parts.append("</div>\n<div class='clear'></div>")
    return "\n".join(parts)


def _web_version(ctx: Ctx) -> str:
    return ctx.url + ("&" if "?" in ctx.url else "?") + "m=0"


def _post_feeds(ctx: Ctx, post: Post | None) -> str:
    s = ctx.site.strings
    if not ctx.site.feed_enabled:
        return "<div class='post-feeds'>\n</div>"
    if post is not None:
        href, text = f"{ctx.base}/feeds/{post.post_id}/comments/default", s.post_comments_atom
    else:
        href, text = f"{ctx.base}/feeds/posts/default", s.posts_atom
    return (f"<div class='post-feeds'>\n<div class='feed-links'>\n{esc(s.subscribe_to)}\n"
            f"<a class='feed-link' href='{href}' target='_blank' type='application/atom+xml'>{esc(text)}</a>\n</div>\n</div>")


# ---------------------------------------------------------------------------------------------------
# Sidebar widgets


def _widget(kind: str, wid: str, title: str, content: str) -> str:
    heading = f"<h2>{esc(title)}</h2>\n" if title else ""
    return (f"<div class='widget {kind}' data-version='1' id='{wid}'>\n{heading}<div class='widget-content'>\n"
            f"{content}\n</div>\n<div class='clear'></div>\n</div>")


def _profile_widget(ctx: Ctx) -> str:
    site, s = ctx.site, ctx.site.strings
    url = site.profile_url
    content = (
        f"<a href='{url}'><img alt='My photo' class='profile-img' height='80' "
        f"src='//blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEh{site.blog_id[:10]}/s80/profile.jpg' width='80'/></a>\n"
        "<dl class='profile-datablock'>\n<dt class='profile-data'>\n"
        f"<a class='profile-name-link g-profile' href='{url}' rel='author' "
        "style='background-image: url(//www.blogger.com/img/logo-16.png);'>\n"
        f"{esc(site.author)}\n</a>\n</dt>\n<dd class='profile-textblock'>{esc(site.profile_text)}</dd>\n</dl>\n"
        f"<a class='profile-link' href='{url}' rel='author'>{esc(s.view_profile)}</a>"
    )
    return _widget("Profile", "Profile1", s.about_me, content)


def _archive_widget(ctx: Ctx, open_year: int, open_month: int) -> str:
    site = ctx.site
    key = f"archive|{ctx.base}|{ctx.mobile}|{open_year}-{open_month}"
    if key in site.rendered:
        return site.rendered[key]
    by_year: dict[int, list[tuple[int, int]]] = {}
    for year, month, count in site.month_counts():
        by_year.setdefault(year, []).append((month, count))
    toggle_open = "<a class='toggle' href='javascript:void(0)'>\n<span class='zippy toggle-open'>\n\n        &#9660;&#160;\n      \n</span>\n</a>"
    toggle_closed = "<a class='toggle' href='javascript:void(0)'>\n<span class='zippy'>\n\n        &#9658;&#160;\n      \n</span>\n</a>"
    rows = ["<div id='ArchiveList'>\n<div id='BlogArchive1_ArchiveList'>\n<ul class='hierarchy'>"]
    for year, months in by_year.items():
        is_open = year == open_year
        rows.append(f"<li class='archivedate {'expanded' if is_open else 'collapsed'}'>\n{toggle_open if is_open else toggle_closed}\n"
                    f"<a class='post-count-link' href='{esc(ctx.href(f'{ctx.base}/{year:04d}/'))}'>\n{year}\n</a>\n"
                    f"<span class='post-count' dir='ltr'>({sum(n for _, n in months)})</span>\n<ul class='hierarchy'>")
        for month, count in months:
            month_open = is_open and month == open_month
            rows.append(f"<li class='archivedate {'expanded' if month_open else 'collapsed'}'>\n{toggle_open if month_open else toggle_closed}\n"
                        f"<a class='post-count-link' href='{esc(ctx.href(f'{ctx.base}/{year:04d}/{month:02d}/'))}'>\n"
                        f"{esc(site.strings.months[month - 1])}\n</a>\n<span class='post-count' dir='ltr'>({count})</span>")
            if month_open:
                links = "\n".join(f"<li><a href='{esc(ctx.href(ctx.base + p.path))}'>{esc(p.title or '(no title)')}</a></li>"
                                  for p in site.posts_in_month(year, month))
                rows.append(f"<ul class='posts'>\n{links}\n</ul>")
            rows.append("</li>")
        rows.append("</ul>\n</li>")
    rows.append("</ul>\n</div>\n</div>")
    html_text = _widget("BlogArchive", "BlogArchive1", site.strings.blog_archive, "\n".join(rows))
    site.rendered[key] = html_text
    return html_text


def _labels_widget(ctx: Ctx) -> str:
    items = "\n".join(
        f"<li>\n<a dir='ltr' href='{esc(ctx.href(ctx.base + ctx.site.label_path(label)))}'>{esc(label)}</a>\n"
        f"<span dir='ltr'>({count})</span>\n</li>"
        for label, count in ctx.site.label_counts()
    )
    return _widget("Label", "Label1", ctx.site.strings.labels.rstrip(" :"), f"<div class='list-label-widget-content'>\n<ul>\n{items}\n</ul>\n</div>")


def _popular_widget(ctx: Ctx) -> str:
    site = ctx.site
    key = f"popular|{ctx.base}|{ctx.mobile}"
    if key not in site.rendered:
        chosen = sorted(site.posts, key=lambda p: p.post_id[::-1])[:5]  # arbitrary but stable "popularity"
        items = []
        for post in chosen:
            url = esc(ctx.href(ctx.base + post.path))
            image = first_image(post.body_html)
            thumb = (f"<div class='item-thumbnail'>\n<a href='{url}' target='_blank'>\n<img alt='' border='0' "
                     f"src='{esc(image)}'/>\n</a>\n</div>\n") if image else ""
            items.append(
                f"<li>\n<div class='item-content'>\n{thumb}<div class='item-title'><a href='{url}'>"
                f"{esc(post.title or '(no title)')}</a></div>\n"
                f"<div class='item-snippet'>{esc(snippet(post.body_html, 150))}</div>\n</div>\n<div style='clear: both;'></div>\n</li>"
            )
        site.rendered[key] = _widget("PopularPosts", "PopularPosts1", site.strings.popular_posts,
                                   "<div class='popular-posts'>\n<ul>\n" + "\n".join(items) + "\n</ul>\n</div>")
    return site.rendered[key]


def _recent_comments_widget(ctx: Ctx) -> str:
    site = ctx.site
    pairs = sorted(((p, c) for p in site.posts for c in p.comments), key=lambda pc: pc[1].published, reverse=True)[:5]
    items = "\n".join(
        f"<li><a href='{esc(ctx.href(f'{ctx.base}{p.path}?showComment={c.epoch_ms}#c{c.comment_id}'))}'>{esc(c.author)}</a> "
        f"on <a href='{esc(ctx.href(ctx.base + p.path))}'>{esc(p.title or '(no title)')}</a></li>"
        for p, c in pairs
    )
    return _widget("HTML", "HTML1", site.strings.recent_comments, f"<ul id='recent-comments-list'>\n{items}\n</ul>\n<ul id='recent-posts-list'></ul>")


def _pages_widget(ctx: Ctx) -> str:
    links = [f"<li><a href='{esc(ctx.href(ctx.base + '/'))}'>{esc(ctx.site.strings.home)}</a></li>"]
    links += [f"<li><a href='{esc(ctx.href(ctx.base + p.path))}'>{esc(p.title)}</a></li>" for p in ctx.site.pages]
    return _widget("PageList", "PageList1", ctx.site.strings.pages, "<ul>\n" + "\n".join(links) + "\n</ul>")


def _search_widget(ctx: Ctx) -> str:
    form = (f"<div id='BlogSearch1_form'>\n<form action='{ctx.base}/search' class='gsc-search-box' target='_top'>\n"
            "<input autocomplete='off' class='gsc-input' name='q' size='10' title='search' type='text' value=''/>\n"
            "<input class='gsc-search-button' title='search' type='submit' value='Search'/>\n</form>\n</div>")
    return _widget("BlogSearch", "BlogSearch1", ctx.site.strings.search_this_blog, form)


def _sidebar(ctx: Ctx, open_year: int, open_month: int) -> str:
    widgets = [
        _search_widget(ctx), _profile_widget(ctx), _popular_widget(ctx), _archive_widget(ctx, open_year, open_month),
        _labels_widget(ctx), _recent_comments_widget(ctx),
    ]
    return "\n".join(widgets)


def _header(ctx: Ctx) -> str:
    site = ctx.site
    return (
        "<div class='header section' id='header' name='Header'><div class='widget Header' data-version='1' id='Header1'>\n"
        "<div id='header-inner'>\n<div class='titlewrapper'>\n<h1 class='title'>\n"
        f"<a href='{esc(ctx.href(ctx.base + '/'))}'>{esc(site.title)}</a>\n</h1>\n</div>\n"
        f"<div class='descriptionwrapper'>\n<p class='description'><span>{esc(site.description)}</span></p>\n</div>\n"
        "</div>\n</div></div>"
    )


def _footer(ctx: Ctx) -> str:
    return _widget("Attribution", "Attribution1", "",
                   f"{esc(ctx.site.strings.powered_by)} <a href='https://www.blogger.com' target='_blank'>Blogger</a>.")


# ---------------------------------------------------------------------------------------------------
# Page assembly


def _open_month(ctx: Ctx, posts: list[Post]) -> tuple[int, int]:
    anchor = posts[0] if posts else (ctx.site.ordered_posts[0] if ctx.site.ordered_posts else None)
    if anchor is None:
        return 0, 0
    local = ctx.site.local(anchor.published)
    return local.year, local.month


def _document(ctx: Ctx, main: str, open_ym: tuple[int, int], head_extra: str = "") -> str:
    """Wrap the main column in the template's page chrome (header, sidebar, footer, scripts)."""
    site = ctx.site
    body_class = {"classic": "", "layout": "loading variant-simplysimple", "theme": "container version-1-3-3 variant-indie_light"}[ctx.template]
    if ctx.mobile:
        body_class += " mobile"
    view_class = " view-item" if ctx.kind == "item" else ""
    sidebar = "" if ctx.mobile else _sidebar(ctx, *open_ym)
    pages_tabs = "" if ctx.mobile else _pages_widget(ctx)
    scripts = f"{_comments_script(ctx)}\n{_widget_manager(ctx)}"
    if ctx.template == "classic":
        doctype = ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
                   "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">")
        side = f"<div id='sidebar-wrapper'>\n<div class='sidebar section' id='sidebar'>\n{pages_tabs}\n{sidebar}\n</div>\n</div>" if sidebar else ""
        body = (
            f"<body class='{body_class.strip()}'>\n{_navbar(ctx)}\n<div id='outer-wrapper'>\n<div id='header-wrapper'>\n{_header(ctx)}\n</div>\n"
            f"<div id='content-wrapper'>\n<div id='main-wrapper'>\n<div class='main section' id='main'>"
            f"<div class='widget Blog' data-version='1' id='Blog1'>\n{main}\n</div></div>\n</div>\n{side}\n"
            f"<div style='clear: both;'></div>\n</div>\n<div id='footer-wrapper'>\n<div class='footer section' id='footer'>{_footer(ctx)}</div>\n</div>\n"
            f"</div>\n{scripts}\n</body>"
        )
        return f"{doctype}\n<html dir='ltr' lang='{site.language}' xmlns='http://www.w3.org/1999/xhtml'>\n{_head(ctx, head_extra)}\n{body}\n</html>\n"
    if ctx.template == "theme":
        side = (f"<aside class='sidebar-container container sidebar-invisible' role='complementary'>\n"
                f"<div class='navigation'>\n<button class='svg-icon-24-button flat-icon-button ripple sidebar-back'>\n"
                f"<svg class='svg-icon-24'><use xlink:href='/responsive/sprite_v1_6.css.svg#ic_arrow_back_black_24dp' "
                f"xmlns:xlink='http://www.w3.org/1999/xlink'></use></svg>\n</button>\n</div>\n"
                f"<div class='sidebar_top_wrapper'>\n<div class='sidebar_top section' id='sidebar_top'>\n{pages_tabs}\n{sidebar}\n</div>\n</div>\n</aside>") if sidebar else ""
        body = (
            f"<body class='{body_class.strip()}{view_class}'>\n{_navbar(ctx)}\n<div class='all-container'>\n"
            f"<header class='centered-top-container sticky' role='banner'>\n<div class='centered-top'>\n"
            f"<div class='blog-name container'>\n{_header(ctx)}\n</div>\n</div>\n</header>\n"
            f"<div class='page'>\n<div class='page_body'>\n<div class='centered'>\n"
            f"<main class='centered-bottom' id='main' role='main' tabindex='-1'>\n<div class='main section' id='page_body' name='Page body'>"
            f"<div class='widget Blog' data-version='2' id='Blog1'>\n{main}\n</div></div>\n</main>\n</div>\n</div>\n"
            f"{side}\n<footer class='footer section' id='footer'>{_footer(ctx)}</footer>\n</div>\n</div>\n{scripts}\n</body>"
        )
        return f"<!DOCTYPE html>\n<html dir='ltr' lang='{site.language}'>\n{_head(ctx, head_extra)}\n{body}\n</html>\n"
    side = (f"<div class='column-right-outer'>\n<div class='column-right-inner'>\n<aside>\n"
            f"<div class='sidebar section' id='sidebar-right-1'>{sidebar}</div>\n</aside>\n</div>\n</div>") if sidebar else ""
    body = (
        f"<body class='{body_class.strip()}'>\n{_navbar(ctx)}\n"
        "<div class='body-fauxcolumns'>\n<div class='fauxcolumn-outer body-fauxcolumn-outer'>\n<div class='cap-top'>\n"
        "<div class='cap-left'></div>\n<div class='cap-right'></div>\n</div>\n</div>\n</div>\n"
        "<div class='content'>\n<div class='content-fauxcolumns'>\n<div class='fauxcolumn-outer content-fauxcolumn-outer'>\n"
        "<div class='fauxborder-left'>\n<div class='fauxborder-right'></div>\n<div class='fauxcolumn-inner'>\n</div>\n</div>\n</div>\n</div>\n"
        "<div class='content-outer'>\n<div class='content-cap-top cap-top'>\n<div class='cap-left'></div>\n<div class='cap-right'></div>\n</div>\n"
        "<div class='fauxborder-left content-fauxborder-left'>\n<div class='fauxborder-right content-fauxborder-right'></div>\n"
        "<div class='content-inner'>\n<header>\n<div class='header-outer'>\n<div class='header-cap-top cap-top'>\n"
        "<div class='cap-left'></div>\n<div class='cap-right'></div>\n</div>\n<div class='fauxborder-left header-fauxborder-left'>\n"
        f"<div class='fauxborder-right header-fauxborder-right'></div>\n<div class='region-inner header-inner'>\n{_header(ctx)}\n</div>\n</div>\n</div>\n</header>\n"
        f"<div class='tabs-outer'>\n<div class='region-inner tabs-inner'>\n<div class='tabs section' id='crosscol' name='Cross-Column'>{pages_tabs}</div>\n</div>\n</div>\n"
        "<div class='main-outer'>\n<div class='region-inner main-inner'>\n<div class='columns fauxcolumns'>\n"
        "<div class='columns-inner'>\n<div class='column-center-outer'>\n<div class='column-center-inner'>\n"
        f"<div class='main section' id='main' name='Main'><div class='widget Blog' data-version='1' id='Blog1'>\n{main}\n</div></div>\n"
        f"</div>\n</div>\n{side}\n</div>\n<div style='clear: both'></div>\n</div>\n</div>\n</div>\n"
        f"<footer>\n<div class='footer-outer'>\n<div class='region-inner footer-inner'>\n"
        f"<div class='foot section' id='footer-3' name='Footer'>{_footer(ctx)}</div>\n</div>\n</div>\n</footer>\n"
        f"</div>\n</div>\n</div>\n</div>\n{scripts}\n</body>"
    )
    return (f"<!DOCTYPE html>\n<html class='v2' dir='ltr' lang='{site.language}' xmlns='http://www.w3.org/1999/xhtml' "
            f"xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' "
            f"xmlns:expr='http://www.google.com/2005/gml/expr'>\n{_head(ctx, head_extra)}\n{body}\n</html>\n")


def post_page(site: Blog, post: Post, base: str, mobile: bool = False) -> str:
    """The item page of one post."""
    title = f"{site.title}: {post.title}" if post.title else site.title
    ctx = Ctx(site, base, base + post.path, "item", mobile, title, snippet(post.body_html, 150), post,
              first_image(post.body_html))
    newer, older = site.neighbours(post)
    main = "\n".join([
        _posts_html(ctx, [post], item=True),
        _pager(ctx, base + newer.path if newer else None, base + older.path if older else None, item=True),
        _post_feeds(ctx, post),
    ])
    return _document(ctx, main, _open_month(ctx, [post]))


def static_page(site: Blog, page: Page, base: str, mobile: bool = False) -> str:
    """A ``/p/<slug>.html`` page: a post without date, author or comments."""
    ctx = Ctx(site, base, base + page.path, "static", mobile, f"{site.title}: {page.title}", snippet(page.body_html, 150))
    if site.template == "classic":
        article = (f"<div class='post'>\n<h3 class='post-title'>\n{esc(page.title)}\n</h3>\n"
                   f"<div class='post-body'>\n{page.body_html}\n</div>\n</div>")
    else:
        article = (
            "<div class='blog-posts hfeed'>\n<div class='post-outer'>\n<div class='post hentry' itemprop='blogPost' "
            "itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>\n"
            f"<meta content='{site.blog_id}' itemprop='blogId'/>\n<meta content='{page.page_id}' itemprop='postId'/>\n"
            f"<a name='{page.page_id}'></a>\n<h3 class='post-title entry-title' itemprop='name'>\n{esc(page.title)}\n</h3>\n"
            f"<div class='post-header'>\n<div class='post-header-line-1'></div>\n</div>\n"
            f"<div class='post-body entry-content' id='post-body-{page.page_id}' itemprop='description articleBody'>\n"
            f"{page.body_html}\n<div style='clear: both;'></div>\n</div>\n</div>\n</div>\n</div>"
        )
    main = article + "\n" + _pager(ctx, None, None, item=True)
    return _document(ctx, main, _open_month(ctx, []))


def listing_page(
    site: Blog, base: str, url: str, listing: Listing, mobile: bool, heading: str | None, kind: str,
) -> str:
    """Home, /search, label and archive pages: several posts and a pager."""
    ctx = Ctx(site, base, url, kind, mobile, site.title, site.description)
    status = ""
    if heading:
        status = (f"<div class='status-msg-wrapper'>\n<div class='status-msg-body'>\n{esc(heading)} "
                  f"<a href='{esc(ctx.href(base + '/'))}'>{esc(site.strings.show_all)}</a>\n</div>\n"
                  "<div class='status-msg-border'>\n<div class='status-msg-bg'>\n<div class='status-msg-hidden'>"
                  f"{esc(heading)}</div>\n</div>\n</div>\n</div>\n<div style='clear: both;'></div>")
    main = "\n".join([
        status,
        _posts_html(ctx, listing.posts, item=False),
        _pager(ctx, listing.newer_url, listing.older_url, item=False),
        _post_feeds(ctx, None),
    ])
    return _document(ctx, main, _open_month(ctx, listing.posts))


def not_found_page(site: Blog, base: str, path: str) -> str:
    """The blog's 404 page, in the blog's chrome."""
    ctx = Ctx(site, base, base + path, "error", False, site.title, site.description)
    main = (f"<div class='status-msg-wrapper'>\n<div class='status-msg-body'>\n{esc(site.strings.not_found)}\n</div>\n"
            "<div class='status-msg-border'>\n<div class='status-msg-bg'>\n</div>\n</div>\n</div>\n"
            "<div style='clear: both;'></div>\n<div class='blog-posts hfeed'>\n</div>\n" + _pager(ctx, None, None, item=False))
    return _document(ctx, main, _open_month(ctx, []))
