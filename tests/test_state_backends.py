"""The crawl state's interface (``session.StateBackend``): the same cases against SQLite and PostgreSQL;
then what only the shared database does (locks per source, its schema, its errors), and crawls with it."""

from __future__ import annotations

import json
from dataclasses import replace
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from archiver.demo.sample import sample_site
from archiver.errors import InputError, StateUnavailableError
from archiver.session import CrawlSession, StateBackend, open_state
from archiver.state_postgres import SCHEMA, SCHEMA_VERSION, PostgresState, masked
from tests.conftest import FAST, run_cli
from tests.postgres import PASSWORD, PASSWORD_USER, PostgresCluster
from tests.test_store import record

Opener = Callable[[], StateBackend]


@pytest.fixture(params=["sqlite", "postgresql"])
def state_url(request: pytest.FixtureRequest) -> str | None:
    """No address (``state.sqlite`` in the output folder), or a new PostgreSQL database's."""
    if request.param == "sqlite":
        return None
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.url(cluster.new_database())


@pytest.fixture
def open_backend(state_url: str | None, tmp_path: Path) -> Iterator[Opener]:
    """Opens the state of one store, as many times as a test asks; every state opened is closed after the test."""
    opened: list[StateBackend] = []

    def open_() -> StateBackend:
        opened.append(open_state(state_url, tmp_path))
        return opened[-1]

    yield open_
    for state in opened:
        state.close()


def post(key: str, **fields: Any) -> dict[str, Any]:
    """A row as the commit pipeline books it."""
    return {"post_key": key, "canonical_url": f"https://{key}", "source": key.split("/")[0], "record_id": f"id-{key}",
            "content_hash": "h1", "version": 1, **fields}


BLOG = {"expected": 12, "expected_from": "feed", "found": 11, "complete": False}


# -- the same cases, both backends ----------------------------------------------------------

def test_a_new_state_is_empty(open_backend: Opener) -> None:
    state = open_backend()
    assert state.get("example.org/a") is None
    assert (state.count_posts(), state.files(), state.runs(), state.blog("example.org")) == (0, [], [], None)


def test_stored_posts_are_known_with_their_hash_version_and_validators(open_backend: Opener) -> None:
    state = open_backend()
    state.store_posts([post("example.org/a", etag='"e1"', feed_updated="2024-01-02T00:00:00Z", post_id="7")], "r1")
    known = state.get("example.org/a")
    assert known is not None
    assert (known.canonical_url, known.content_hash, known.version) == ("https://example.org/a", "h1", 1)
    assert (known.etag, known.feed_updated, known.last_modified, known.sitemap_lastmod) == ('"e1"', "2024-01-02T00:00:00Z",
                                                                                          None, None)
    assert known.unchanged_by_listing({"feed_updated": "2024-01-02T00:00:00Z"})
    # A new version replaces hash, version and validators.
    state.store_posts([post("example.org/a", content_hash="h2", version=2)], "r2")
    known = state.get("example.org/a")
    assert known is not None and (known.content_hash, known.version, known.etag, known.feed_updated) == ("h2", 2, None, None)
    assert state.count_posts() == 1


def test_the_manifest_is_booked_with_its_posts_or_not_at_all(open_backend: Opener) -> None:
    state = open_backend()
    files = ["records/source=example.org/year=2024/part-r1-00001.parquet", "warc/r1-w12-00001.warc.gz"]
    state.store_posts([post("example.org/a"), post("example.org/b")], "r1", files=files)
    assert state.files() == sorted(files)
    # A WARC file keeps the pages of later batches too: it is listed once.
    state.store_posts([post("example.org/c")], "r1", files=["warc/r1-w12-00001.warc.gz"])
    assert state.files() == sorted(files)
    # A batch the state refuses (a row without its version) books neither its posts nor its files.
    with pytest.raises(Exception):  # noqa: B017  (sqlite3's and psycopg's IntegrityError share no class)
        state.store_posts([post("example.org/d"), post("example.org/e", version=None)], "r2",
                          files=["records/source=example.org/year=2024/part-r2-00001.parquet"])
    assert state.get("example.org/d") is None and state.count_posts() == 3
    assert state.files() == sorted(files)


def test_an_unchanged_post_keeps_its_newest_validators(open_backend: Opener) -> None:
    state = open_backend()
    state.store_posts([post("example.org/a", etag='"e1"', sitemap_lastmod="2024-01-01")], "r1")
    state.refresh_validators("example.org/a", {"etag": None, "sitemap_lastmod": "2024-02-01", "last_modified": "Fri"},
                             "r2")
    known = state.get("example.org/a")
    assert known is not None
    assert (known.etag, known.sitemap_lastmod, known.last_modified, known.version) == ('"e1"', "2024-02-01", "Fri", 1)


def test_the_links_the_walk_read_on_a_post_page_are_kept_with_the_post(open_backend: Opener) -> None:
    state = open_backend()
    state.store_posts([post("example.org/a", links=["https://example.org/b", "https://example.org/2024/"]),
                       post("example.org/b")], "r1")
    assert state.post_links("example.org/a") == ["https://example.org/b", "https://example.org/2024/"]
    assert state.post_links("example.org/b") is None  # not read by a walk
    # Read again unchanged: the page's links now are kept; a 304 (no links) keeps those known.
    state.refresh_validators("example.org/a", {"etag": '"e2"', "links": ["https://example.org/c"]}, "r2")
    state.refresh_validators("example.org/a", {"etag": '"e2"'}, "r3")
    assert open_backend().post_links("example.org/a") == ["https://example.org/c"]
    state.refresh_validators("example.org/z", {"links": ["https://example.org/c"]}, "r3")  # never stored: nothing
    assert state.post_links("example.org/z") is None


def test_posts_no_longer_listed_are_flagged_once_and_cleared_when_seen(open_backend: Opener) -> None:
    state = open_backend()
    state.store_posts([post("example.org/a"), post("example.org/b"), post("other.org/c")], "r1")
    assert state.mark_missing("example.org", {"example.org/a"}) == 1
    assert state.mark_missing("example.org", {"example.org/a"}) == 0  # already flagged
    assert state.mark_missing("other.org", set()) == 1
    state.refresh_validators("example.org/b", {}, "r2")  # listed again
    assert state.mark_missing("example.org", {"example.org/a", "example.org/b"}) == 0


def test_pages_found_not_to_be_posts_are_remembered_with_their_sitemap_date(open_backend: Opener) -> None:
    state = open_backend()
    assert state.not_post("example.org/a/attachment/photo") is None
    state.book_not_post("example.org/a/attachment/photo", "example.org", "attachment page", "2024-01-01", "r1")
    known = state.not_post("example.org/a/attachment/photo")
    assert known is not None and (known.reason, known.sitemap_lastmod) == ("attachment page", "2024-01-01")
    assert known.unchanged_by_listing({"sitemap_lastmod": "2024-01-01"}) and known.unchanged_by_listing({})
    assert not known.unchanged_by_listing({"sitemap_lastmod": "2024-02-01"})
    state.book_not_post("example.org/a/attachment/photo", "example.org", "attachment page", "2024-02-01", "r2")
    assert open_backend().not_post("example.org/a/attachment/photo") == replace(known, sitemap_lastmod="2024-02-01")
    assert state.get("example.org/a/attachment/photo") is None and state.count_posts() == 0


def test_a_blogs_completeness_is_remembered(open_backend: Opener) -> None:
    state = open_backend()
    state.record_blog("example.org", BLOG, "r1")
    assert state.blog("example.org") == {**BLOG, "run_id": "r1"}
    state.record_blog("example.org", {**BLOG, "found": 12, "complete": True}, "r2")
    assert state.blog("example.org") == {**BLOG, "found": 12, "complete": True, "run_id": "r2"}


def test_a_run_that_died_is_found_by_the_next_run_of_its_sources(open_backend: Opener) -> None:
    state = open_backend()
    assert state.start_run("20260101T000000Z-aaaaaa", ["example.org"]) == []
    state.finish_run("20260101T000000Z-aaaaaa", "finished", 0, {"archived": 3})
    assert state.start_run("20260102T000000Z-bbbbbb", ["example.org"]) == []
    # ...which is killed: the next run finds it still marked running.
    state.close()
    state = open_backend()
    assert state.start_run("20260103T000000Z-cccccc", ["example.org"]) == ["20260102T000000Z-bbbbbb"]
    runs = {run["run_id"]: run for run in state.runs()}
    assert [run["status"] for run in state.runs()] == ["finished", "killed", "running"]
    assert runs["20260101T000000Z-aaaaaa"]["exit_code"] == 0
    assert json.loads(runs["20260101T000000Z-aaaaaa"]["counts"]) == {"archived": 3}


def test_the_state_outlives_its_connection(open_backend: Opener) -> None:
    state = open_backend()
    state.store_posts([post("example.org/a")], "r1", files=["records/x.parquet"])
    state.record_blog("example.org", BLOG, "r1")
    state.close()
    again = open_backend()
    assert again.get("example.org/a") is not None and again.files() == ["records/x.parquet"]
    assert again.blog("example.org") == {**BLOG, "run_id": "r1"}


def test_runs_name_their_sources(open_backend: Opener) -> None:
    state = open_backend()
    state.start_run("20260101T000000Z-aaaaaa", ["b.example", "a.example", "a.example"])
    assert [run["sources"] for run in state.runs()] == [["a.example", "b.example"]]


def test_a_queued_or_running_source_is_not_queued_twice(open_backend: Opener) -> None:
    state = open_backend()
    assert state.enqueue(["a.example", "b.example"], "t1") == ["a.example", "b.example"]
    assert state.enqueue(["a.example", "c.example"], "t2") == ["c.example"]
    state.set_queue_status(["a.example"], "running", worker="w1")
    assert state.enqueue(["a.example"], "t3") == []
    # A failed crawl goes back to the queue, counted; one given up on may be queued anew.
    state.set_queue_status(["a.example"], "queued", error="exit 2")
    state.set_queue_status(["a.example"], "failed", error="exit 2 again")
    rows = {row["source"]: row for row in state.queue()}
    assert (rows["a.example"]["status"], rows["a.example"]["attempts"], rows["a.example"]["error"],
            rows["a.example"]["worker"], rows["a.example"]["task_id"]) == ("failed", 2, "exit 2 again", "w1", "t1")
    assert state.enqueue(["a.example"], "t4") == ["a.example"]
    rows = {row["source"]: row for row in state.queue()}
    assert (rows["a.example"]["status"], rows["a.example"]["attempts"], rows["a.example"]["task_id"]) == ("queued", 0, "t4")
    # A crawl that ran to its end leaves the queue: the source may be queued again.
    state.dequeue(["b.example", "c.example"])
    assert [row["source"] for row in state.queue()] == ["a.example"]
    assert state.enqueue(["b.example"], "t5") == ["b.example"]


def test_a_requeued_source_belongs_to_its_new_task(open_backend: Opener) -> None:
    """The broker lost a task: its queued sources are queued again under a new task, which claims them; the
    lost task, should it turn up, claims nothing. A running source is not requeued."""
    state = open_backend()
    assert state.enqueue(["a.example", "b.example"], "lost") == ["a.example", "b.example"]
    assert state.enqueue(["c.example"], "t2") == ["c.example"]
    assert state.claim(["c.example"], "t2", "w1") == ["c.example"]
    assert state.enqueue(["a.example", "b.example", "c.example"], "again") == []
    assert sorted(state.enqueue(["a.example", "b.example", "c.example"], "again", requeue=True)) == ["a.example", "b.example"]
    assert state.claim(["a.example", "b.example"], "lost", "w2") == []
    assert sorted(state.claim(["a.example", "b.example"], "again", "w3")) == ["a.example", "b.example"]
    rows = {row["source"]: (row["status"], row["task_id"], row["worker"]) for row in state.queue()}
    assert rows == {"a.example": ("running", "again", "w3"), "b.example": ("running", "again", "w3"),
                    "c.example": ("running", "t2", "w1")}


def test_sources_free_of_other_runs_are_locked(open_backend: Opener) -> None:
    assert open_backend().lock_sources(["example.org", "other.org"]) == []


def test_a_killed_runs_records_are_booked_by_the_next_run(state_url: str | None, tmp_path: Path) -> None:
    killed = CrawlSession(tmp_path, "20260101T000000Z-aaaaaa", sources=["blog.example.org"], state_url=state_url,
                          warc=False)
    written = killed.records.write([record("https://blog.example.org/2024/01/a.html", "2024-01-02T09:00:00Z")])
    killed.state.close()  # the process dies: its connection, its locks and its folder lock go with it
    killed.lock.release()
    session = CrawlSession(tmp_path, "20260102T000000Z-bbbbbb", sources=["blog.example.org"], state_url=state_url,
                           warc=False)
    try:
        assert session.recovered == 1
        known = session.state.get("blog.example.org/2024/01/a.html")
        assert known is not None and known.version == 1
        assert session.state.files() == [written[0].relative_to(tmp_path).as_posix()]
        assert [run["status"] for run in session.state.runs()] == ["killed", "running"]
    finally:
        session.close("finished", 0, {})


# -- PostgreSQL only: one run a source across machines, the schema, the errors --------------------

def test_a_second_run_of_a_locked_source_is_refused_until_the_first_ends(postgres: PostgresCluster) -> None:
    url = postgres.url(postgres.new_database())
    first, second = PostgresState(url), PostgresState(url)
    try:
        assert first.lock_sources(["example.org", "a.example"]) == []
        assert second.lock_sources(["b.example", "example.org"]) == ["example.org"]
        # All or nothing: the refused run holds none of its sources.
        third = PostgresState(url)
        assert third.lock_sources(["b.example"]) == []
        third.close()
        first.close()  # the run ends: its locks go (a dead run's, when the server sees its connection gone)
        assert second.lock_sources(["b.example", "example.org"]) == []
    finally:
        first.close()
        second.close()


def test_runs_of_other_sources_may_be_alive_elsewhere(postgres: PostgresCluster) -> None:
    url = postgres.url(postgres.new_database())
    one, two = PostgresState(url), PostgresState(url)
    try:
        one.lock_sources(["a.example"])
        one.start_run("20260101T000000Z-aaaaaa", ["a.example"])
        two.lock_sources(["b.example"])
        assert two.start_run("20260101T000001Z-bbbbbb", ["b.example"]) == []
        assert [run["status"] for run in two.runs()] == ["running", "running"]
    finally:
        one.close()
        two.close()


def test_the_schema_is_made_on_first_use_and_a_newer_one_refused(postgres: PostgresCluster) -> None:
    url = postgres.url(postgres.new_database())
    PostgresState(url).close()
    PostgresState(url).close()  # a second opening finds the tables
    with psycopg.connect(url, autocommit=True) as db:
        tables = {name for (name,) in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (SCHEMA,))}
        assert tables == {"posts", "blogs", "runs", "files", "queue", "not_posts", "post_links", "schema_version"}
        assert db.execute(f"SELECT max(version) FROM {SCHEMA}.schema_version").fetchall() == [(SCHEMA_VERSION,)]
        db.execute(f"UPDATE {SCHEMA}.schema_version SET version = version + 1")
    with pytest.raises(StateUnavailableError, match=f"state version {SCHEMA_VERSION + 1}; this archiver reads"):
        PostgresState(url)


def test_the_first_versions_tables_are_brought_up_to_date(postgres: PostgresCluster) -> None:
    url = postgres.url(postgres.new_database())
    PostgresState(url).close()
    with psycopg.connect(url, autocommit=True) as db:  # as the first version left them: no queue, no not_posts
        db.execute(f"DROP TABLE {SCHEMA}.queue")
        db.execute(f"DROP TABLE {SCHEMA}.not_posts")
        db.execute(f"DROP TABLE {SCHEMA}.post_links")
        db.execute(f"UPDATE {SCHEMA}.schema_version SET version = 1")
    state = PostgresState(url)
    try:
        assert state.enqueue(["a.example"], "t1") == ["a.example"]
        state.book_not_post("a.example/p/attachment/x", "a.example", "attachment page", None, "r1")
        assert state.not_post("a.example/p/attachment/x") is not None
        state.store_posts([{"post_key": "a.example/p/1", "canonical_url": "https://a.example/p/1", "source": "a.example",
                            "content_hash": "h", "version": 1, "links": ["https://a.example/p/2"]}], "r1")
        assert state.post_links("a.example/p/1") == ["https://a.example/p/2"]
    finally:
        state.close()


def test_a_database_that_does_not_answer_is_one_line_without_the_password() -> None:
    with pytest.raises(StateUnavailableError) as raised:
        open_state("postgresql://archiver:hunter2@127.0.0.1:1/archive", ".")
    assert str(raised.value) == ("the state database postgresql://archiver:***@127.0.0.1:1/archive does not answer "
                                 "(Connection refused)")


def test_refused_credentials_are_named_without_the_password(postgres: PostgresCluster) -> None:
    database = postgres.new_database()
    wrong = f"postgresql://{PASSWORD_USER}:not-{PASSWORD}@127.0.0.1:{postgres.port}/{database}"
    with pytest.raises(StateUnavailableError) as raised:
        open_state(wrong, ".")
    message = str(raised.value)
    assert message.endswith(f"refused the credentials of user {PASSWORD_USER}") and "\n" not in message
    assert PASSWORD not in message and f"{PASSWORD_USER}:***@" in message
    # The right password opens it.
    open_state(f"postgresql://{PASSWORD_USER}:{PASSWORD}@127.0.0.1:{postgres.port}/{database}", ".").close()


def test_passwords_are_masked_and_other_addresses_refused() -> None:
    assert masked("postgresql://u:p%40ss@db:5432/x?sslmode=require&password=pw") == (
        "postgresql://u:***@db:5432/x?sslmode=require&password=***")
    assert masked("postgresql://u@db/x") == "postgresql://u@db/x"
    with pytest.raises(InputError, match=r"not a PostgreSQL address: mysql://u:\*\*\*@db/x"):
        open_state("mysql://u:secret@db/x", ".")


def test_the_command_reports_an_unusable_database_before_crawling(tmp_path: Path) -> None:
    result = run_cli("crawl", "http://127.0.0.1:9/", "--out", str(tmp_path), *FAST,
                     env={"ARCHIVER_STATE_URL": "postgresql://archiver:hunter2@127.0.0.1:1/archive"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "archiver: error: the state database postgresql://archiver:***@127.0.0.1:1/archive does not answer "
        "(Connection refused)"]
    assert [p.name for p in tmp_path.iterdir()] == [".archiver.lock"]  # nothing else was started


# -- crawls ---------------------------------------------------------------------------------------

def test_a_crawl_with_its_state_in_postgresql_and_its_rerun(serve, postgres: PostgresCluster, tmp_path: Path) -> None:
    url = postgres.url(postgres.new_database())
    site = sample_site()
    server = serve(site)
    first = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--state", url)
    assert first.returncode == 0, first.stderr
    assert not (tmp_path / "state.sqlite").exists()
    server.clear()
    second = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, env={"ARCHIVER_STATE_URL": url})
    assert second.returncode == 0, second.stderr
    assert "nothing new" in second.stdout
    paths = {p.path for p in site.posts}
    assert [r for r in server.requests if r.split("?")[0] in paths] == []
    state = open_state(url, tmp_path)
    try:
        assert state.count_posts() == len(site.posts)
        assert [run["status"] for run in state.runs()] == ["finished", "finished"]
        records = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "records").rglob("*.parquet"))
        assert records and [f for f in state.files() if f.startswith("records/")] == records
        assert [f for f in state.files() if f.startswith("warc/")]
    finally:
        state.close()
    stats = run_cli("stats", str(tmp_path))
    assert stats.returncode == 0 and f"{len(site.posts)} posts" in stats.stdout, stats.stdout


def test_a_run_of_a_source_another_run_holds_stops_at_once(serve, postgres: PostgresCluster, tmp_path: Path) -> None:
    url = postgres.url(postgres.new_database())
    server = serve(sample_site())
    holder = PostgresState(url)
    try:
        source = server.url("/").split("://")[1].strip("/")
        assert holder.lock_sources([source]) == []
        result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--state", url)
    finally:
        holder.close()
    assert result.returncode == 75
    assert result.stderr.strip().splitlines() == [
        f"archiver: error: another archiver run is archiving {source}; try again when it ends"]
    assert server.requests == []


def test_a_database_lost_in_the_middle_of_a_run_stops_it_in_one_line_and_the_next_run_loses_nothing(
        serve, tmp_path: Path) -> None:
    """The state's server crashes while a crawl is storing posts: the crawl stops with one line naming the
    database (exit 2, no traceback); once the server is back, the next run books what the stopped one stored
    and fetches the rest; every post ends archived once."""
    from collections import Counter

    from blogsim.blogger import generate_site
    from tests.conftest import REPO, last_run, read_records

    site = generate_site(30, seed=7)
    server = serve(site)
    database = PostgresCluster().start()  # its own server: this test stops it
    try:
        url = database.url(database.new_database())
        out = tmp_path / "out"
        crawl = [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--out", str(out), *FAST,
                 "--delay", "0.1", "--state", url, "--set", "ARCHIVER_STORE_BATCH_SIZE=3"]
        running = subprocess.Popen(crawl, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        watcher = PostgresState(url)
        deadline = time.monotonic() + 60
        while watcher.count_posts() < 3 and time.monotonic() < deadline and running.poll() is None:
            time.sleep(0.05)
        watcher.close()
        assert running.poll() is None, "the crawl ended before the database could be stopped under it"
        database.crash()
        stdout, stderr = running.communicate(timeout=120)
        assert running.returncode == 2, stderr
        assert "Traceback" not in stderr
        errors = [line for line in stderr.splitlines() if line.startswith("archiver: error:")]
        assert len(errors) == 1 and errors[0].startswith(
            f"archiver: error: the state database {masked(url)} stopped answering ("), stderr
        assert "the next run of these sources books what this one stored" in errors[0]
        stored = len(read_records(out))
        # Records are written before they are booked: on a busy machine the crawl may have written its last
        # batch before the crash reached it (and then failed to book it).
        assert 3 <= stored <= len(site.posts)

        database.restart()
        server.clear()
        again = run_cli("crawl", server.url("/"), "--out", str(out), *FAST, "--state", url)
        assert again.returncode == 0, again.stderr
        urls = Counter(row["canonical_url"] for row in read_records(out))
        assert len(urls) == len(site.posts) and set(urls.values()) == {1}
        # The stopped run's records are booked, not stored again, and their pages not asked for again (their
        # validators are read back from the WARC records beside them).
        counts = last_run(out)["counts"]
        assert (counts["archived"], counts["unchanged"]) == (len(site.posts) - stored, stored), counts
        paths = {post.path for post in site.posts}
        assert len([r for r in server.requests if r.split("?")[0] in paths]) == len(site.posts) - stored
        state = PostgresState(url)
        try:
            assert state.count_posts() == len(site.posts)
        finally:
            state.close()
    finally:
        database.stop()


def test_a_database_lost_as_the_run_ends_still_gives_its_report_and_exit_2(tmp_path: Path) -> None:
    session = CrawlSession(tmp_path, "20260101T000000Z-aaaaaa", sources=["blog.example.org"], warc=False)

    def judge_blogs(reason: str) -> dict[str, Any]:
        raise StateUnavailableError("the state database postgresql://db.example.org/archive stopped answering (gone)")

    session.summary_parts.append(judge_blogs)
    session.spider_closed("finished")
    report = json.loads((tmp_path / "runs" / "20260101T000000Z-aaaaaa.json").read_text())
    assert report["exit_code"] == 2
    assert report["blog_errors"] == [
        "the state database postgresql://db.example.org/archive stopped answering (gone): the run stopped; the next run "
        "of these sources books what this one stored and fetches the rest"]
    CrawlSession(tmp_path, "20260102T000000Z-bbbbbb", sources=["blog.example.org"], warc=False).close("finished", 0, {})
