"""URL canonicalization and Blogger URL shapes."""

import pytest

from archiver.urls import (
    canonicalize_url, in_folder, is_blogger_post_url, is_blogger_static_page_url, other_slash_form, post_key,
    same_site, scope_path,
)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://x.blogspot.com/2022/01/a.html?m=1", "https://x.blogspot.com/2022/01/a.html"),
        ("https://x.blogspot.com/2022/01/a.html?showComment=1641550000000#c123", "https://x.blogspot.com/2022/01/a.html"),
        ("https://X.Blogspot.COM:443/2022/01/a.html?utm_source=tw&utm_medium=social", "https://x.blogspot.com/2022/01/a.html"),
        ("http://blog.example.org:80/2022/01/a.html#comments", "http://blog.example.org/2022/01/a.html"),
        ("http://127.0.0.1:8080/search?updated-max=2022-01-01T00:00:00%2B08:00&max-results=7",
         "http://127.0.0.1:8080/search?max-results=7&updated-max=2022-01-01T00%3A00%3A00%2B08%3A00"),
        ("https://example.org/caf%c3%a9/?amp=1", "https://example.org/caf%C3%A9/"),
        # WordPress: a comment-reply link, a mobile plugin's theme switch; a plain permalink's id stays.
        ("https://example.org/2008/09/03/cranes/?replytocom=12#respond", "https://example.org/2008/09/03/cranes/"),
        ("https://example.org/2008/09/03/cranes/?wpmp_switcher=mobile", "https://example.org/2008/09/03/cranes/"),
        ("https://example.org/?p=29&replytocom=4", "https://example.org/?p=29"),
        ("https://x.blogspot.com", "https://x.blogspot.com/"),
        # A sitemap may give a path raw and the page's links percent-encoded: one address.
        ("https://330k.example/必要性/", "https://330k.example/%E5%BF%85%E8%A6%81%E6%80%A7/"),
        ("https://example.org/a b/café", "https://example.org/a%20b/caf%C3%A9"),
    ],
)
def test_canonicalize_url(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


def test_one_post_one_key_across_schemes_and_queries() -> None:
    keys = {
        post_key("http://www.blog.example.org/2022/01/a.html"),
        post_key("https://blog.example.org/2022/01/a.html?m=1"),
        post_key("https://blog.example.org/2022/01/a.html?showComment=1#c2"),
    }
    assert keys == {"blog.example.org/2022/01/a.html"}


def test_a_raw_and_a_percent_encoded_address_are_one_post() -> None:
    assert post_key("https://example.jp/ブログ/記事/") == post_key("https://example.jp/%E3%83%96%E3%83%AD%E3%82%B0/%e8%a8%98%e4%ba%8b/")
    assert post_key("https://example.org/?p=caf%C3%A9") == post_key("https://example.org/?p=café")


def test_posts_named_by_their_query_keep_it_in_their_key() -> None:
    assert post_key("https://blog.example.org/?p=12") != post_key("https://blog.example.org/?p=13")
    assert post_key("https://blog.example.org/?p=12&utm_source=feed") == "blog.example.org/?p=12"
    assert post_key("https://news.example.org/article.php?id=7&cat=2") == post_key("https://news.example.org/article.php?cat=2&id=7")


def test_blogger_url_shapes() -> None:
    assert is_blogger_post_url("https://x.blogspot.com/2022/01/blog-post_22.html")
    assert not is_blogger_post_url("https://x.blogspot.com/2022/01/")
    assert not is_blogger_post_url("https://x.blogspot.com/p/about.html")
    assert is_blogger_static_page_url("https://x.blogspot.com/p/about.html")
    assert same_site("https://www.example.org/a", "http://example.org/b")
    assert not same_site("https://example.org/a", "https://other.org/a")


@pytest.mark.parametrize(("url", "scope"), [
    ("https://example.org/", "/"), ("https://example.org/index.html", "/"),
    ("https://example.org/opinion/", "/opinion/"), ("https://example.org/opinion", "/opinion/"),
    ("https://example.org/opinion/index.php", "/opinion/"),
])
def test_the_folder_a_start_address_names(url: str, scope: str) -> None:
    assert scope_path(url) == scope


def test_addresses_in_a_folder() -> None:
    assert in_folder("https://example.org/opinion/2024/a/", "/opinion/")
    assert in_folder("https://example.org/opinion", "/opinion/")
    assert not in_folder("https://example.org/opinions/a/", "/opinion/")
    assert in_folder("https://example.org/anything", "/")


@pytest.mark.parametrize(("url", "other"), [
    ("https://b.example/aws/amplify", "https://b.example/aws/amplify/"),
    ("https://b.example/aws/amplify/", "https://b.example/aws/amplify"),
    ("https://b.example/2024/05/cranes.html", None),  # a file name has one form
    ("https://b.example/", None),
])
def test_the_other_form_of_an_address_with_or_without_its_final_slash(url: str, other: str | None) -> None:
    assert other_slash_form(url) == other
