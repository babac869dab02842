"""The HTTP API and pages over real HTTP: uvicorn serving the app in a thread, a real SQLite store.

Covers the API contract (story JSON schema, citations that point at the exact
source text), caching that follows store updates, limits and errors (4xx with
one-line messages), hostile content, and schemathesis against the OpenAPI
schema (no 500s on generated input).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from newsfuse.inputs import read_articles
from newsfuse.types import Article
from newsfuse.web import Limits, create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kim-jong-un-beijing"
SCHEMA = json.loads((ROOT / "src" / "newsfuse" / "schema" / "story.schema.json").read_text(encoding="utf-8"))
TWO_DAY = [
    Article("a", "Kim left Beijing on Wednesday after a two-day visit.", source="Outlet A", published="2019-01-09"),
    Article("b", "Kim left Beijing on Wednesday after a three-day visit.", source="Outlet B", published="2019-01-09"),
]
HOSTILE = Article(
    id="hostile",
    text='The bridge reopened on Monday <script>alert("x")</script> after repairs.\n\n'
    'Crews <img src=x onerror="alert(1)"> finished the deck work overnight.',
    title="<script>alert('title')</script>Bridge",
    source="<b onmouseover=alert(1)>Evil</b>",
    url="javascript:alert(1)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from newsfuse.store import open_store

    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('webapi') / 'news.db'}")
    example, _ = read_articles([EXAMPLE])
    first = s.save_article(example[0])
    for a in example[1:]:
        s.save_article(a, story_id=first.story_id)
    two = s.save_article(TWO_DAY[0])
    s.save_article(TWO_DAY[1], story_id=two.story_id)
    hostile = s.save_article(HOSTILE)
    s.ids = {"example": first.story_id, "two_day": two.story_id, "hostile": hostile.story_id}  # type: ignore[attr-defined]
    yield s
    s.close()


@pytest.fixture(scope="module")
def base(store) -> Iterator[str]:
    with serving(create_app(store=store)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def _example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]


def _check_citations(story: dict) -> None:
    texts = {s["id"]: s["text"] for s in story["sources"]}
    for sentence in story["sentences"]:
        first = sentence["citations"][0]
        assert texts[first["source"]][first["start"] : first["end"]] == sentence["text"]
        for c in sentence["citations"]:
            assert 0 <= c["start"] < c["end"] <= len(texts[c["source"]])


def test_health_and_openapi(client):
    assert client.get("/healthz").json() == {"status": "ok", "version": "0.1.0", "store": True}
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/summarize", "/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/summary"):
        assert path in paths
    assert "post" in paths["/api/ingest"] and "get" in paths["/healthz"]


def test_summarize_texts_matches_the_cli_schema(client):
    r = client.post("/api/summarize", json={"texts": _example_texts(), "words": 80})
    assert r.status_code == 200, r.text
    story = r.json()
    jsonschema.validate(story, SCHEMA)
    assert [s["id"] for s in story["sources"]] == ["text-1", "text-2", "text-3"]
    assert 0 < story["words"] <= 80
    assert any(s["support"] >= 2 for s in story["sentences"])
    _check_citations(story)
    assert story["analysis"]["n_outlets"] == 3 and story["analysis"]["consensus"]
    # The story gets a page, and its summary can be re-cut at another length.
    page = client.get(f"/read/{story['read']}")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    short = client.get(f"/api/reads/{story['read']}/summary", params={"words": 30}).json()
    assert 0 < short["words"] <= 30 and "sources" not in short


def test_summarize_files_and_articles(client):
    html = "<html><body><article><p>" + _example_texts()[0].replace("\n\n", "</p><p>") + "</p></article></body></html>"
    jsonl = json.dumps({"id": "j1", "text": _example_texts()[1], "source": "VOA", "url": "https://voa.example/k"})
    r = client.post(
        "/api/summarize",
        json={
            "files": [{"name": "../../etc/000.html", "content": html}, {"name": "two.jsonl", "content": jsonl}],
            "articles": [{"text": _example_texts()[2], "source": "Sky", "title": "Train leaves"}],
            "analysis": False,
        },
    )
    assert r.status_code == 200, r.text
    story = r.json()
    jsonschema.validate(story, SCHEMA)
    by_id = {s["id"]: s for s in story["sources"]}
    assert set(by_id) == {"000", "j1", "article-1"}
    assert by_id["000"]["path"] == "000.html"  # the name, never a client-chosen path
    assert by_id["j1"]["source"] == "VOA" and "analysis" not in story
    _check_citations(story)


def test_stored_stories_list_search_and_summary(client, store):
    listed = client.get("/api/stories").json()["stories"]
    assert {s["id"] for s in listed} == set(store.ids.values())
    assert [s["last_seen"] for s in listed] == sorted((s["last_seen"] for s in listed), reverse=True)
    found = client.get("/api/stories", params={"q": "Pyongyang"}).json()["stories"]
    assert [s["id"] for s in found] == [store.ids["example"]]

    sid = store.ids["example"]
    story = client.get(f"/api/stories/{sid}").json()
    jsonschema.validate(story, SCHEMA)
    assert story["story"]["n_outlets"] == 3 and len(story["sources"]) == 3
    _check_citations(story)
    short = client.get(f"/api/stories/{sid}/summary", params={"words": 40}).json()
    assert 0 < short["words"] <= 40 < story["words"]
    assert short["story"]["id"] == sid


def test_summary_cache_follows_story_updates(client, store):
    sid = store.ids["two_day"]
    before = client.get(f"/api/stories/{sid}/summary", params={"words": 60}).json()
    assert client.get(f"/api/stories/{sid}/summary", params={"words": 60}).json() == before
    time.sleep(1.1)  # the server re-reads a story's last update at most once a second (info_ttl)
    store.save_article(
        Article("c", "Kim left Beijing on Wednesday after a two-day visit, state media said.", source="Outlet C"),
        story_id=sid,
    )
    after = client.get(f"/api/stories/{sid}/summary", params={"words": 60}).json()
    assert after["story"]["n_articles"] == 3 != before["story"]["n_articles"]
    assert after["story"]["last_seen"] > before["story"]["last_seen"]
    # Outlets A and C say two-day, B says three-day: the two versions keep their own support.
    assert max(s["support"] for s in after["sentences"]) == 2


def test_errors_are_4xx_with_one_line(client, store):
    cases = [
        (client.get("/api/stories/999999"), 404, "no story 999999"),
        (client.get(f"/api/stories/{store.ids['example']}/summary", params={"words": 0}), 422, "words"),
        (client.get("/api/stories/abc"), 422, "story_id"),
        (client.post("/api/summarize", json={}), 400, "no articles given"),
        (client.post("/api/summarize", json={"texts": ["   "]}), 400, "no articles"),
        (client.post("/api/summarize", json={"texts": "not a list"}), 422, "texts"),
        (client.post("/api/summarize", json={"textz": ["x"]}), 422, "textz"),
        (client.post("/api/summarize", content=b"{", headers={"content-type": "application/json"}), 422, "JSON"),
        (client.post("/api/summarize", json={"urls": ["javascript:alert(1)"]}), 400, "not an http(s) URL"),
        (client.post("/api/summarize", json={"urls": ["file:///etc/passwd"]}), 400, "not an http(s) URL"),
        (client.post("/api/summarize", json={"files": [{"name": "x.bin", "content": "\x00\x01" * 50}]}), 400, "binary"),
        (client.post("/api/ingest", json={"urls": ["/etc/passwd"]}), 400, "not an http(s) URL"),
        (client.get("/api/nothing-here"), 404, "nothing at /api/nothing-here"),
    ]
    for r, status, words in cases:
        assert r.status_code == status, (r.request.url, r.text)
        message = r.json()["error"]
        assert words in message and "\n" not in message and "Traceback" not in message
    page = client.get("/nothing-here")  # pages answer with a page
    assert page.status_code == 404 and "nothing at /nothing-here" in page.text and "<!doctype html>" in page.text


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Iterator[str]:
    """The shipped example as HTML pages on a local HTTP server (tests never reach the internet)."""
    import functools
    import html
    import http.server

    folder = tmp_path_factory.mktemp("pages")
    for p in sorted(EXAMPLE.glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").partition("\n")
        paragraphs = "".join(f"<p>{html.escape(x.strip())}</p>" for x in body.split("\n\n") if x.strip())
        (folder / f"{p.stem}.html").write_text(
            f"<html><head><title>{html.escape(title)}</title></head><body><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article></body></html>",
            encoding="utf-8",
        )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_inputs_go_through_the_ssrf_guard(client, pages):
    # The default server refuses loopback, private and metadata addresses before fetching anything.
    urls = [f"{pages}/000.html", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/"]
    r = client.post("/api/summarize", json={"urls": urls})
    assert r.status_code == 400
    message = r.json()["error"]
    assert "loopback" in message and "metadata" in message and "private" in message


def test_urls_summarized_and_ingested_when_private_hosts_are_allowed(pages, tmp_path):
    from newsfuse.store import open_store

    urls = [f"{pages}/{n}.html" for n in ("000", "002", "003")]
    with open_store(f"sqlite:///{tmp_path / 'ingest.db'}") as store:
        app = create_app(store=store, allow_private=True)
        with serving(app) as url, httpx.Client(base_url=url, timeout=120) as c:
            r = c.post("/api/summarize", json={"urls": [*urls, f"{pages}/missing.html"], "words": 80})
            assert r.status_code == 200, r.text
            story = r.json()
            jsonschema.validate(story, SCHEMA)
            assert [s["id"] for s in story["sources"]] == ["url-1", "url-2", "url-3"]
            assert [s["url"] for s in story["sources"]] == urls
            assert any("missing.html" in w and "404" in w for w in story["warnings"])
            _check_citations(story)

            report = c.post("/api/ingest", json={"urls": urls}).json()
            assert len(report["stored"]) == 3, report
            stories = c.get("/api/stories").json()["stories"]
            assert {s["id"] for s in stories} == {x["story"] for x in report["stored"]}
            assert sum(s["n_articles"] for s in stories) == 3
            again = c.post("/api/ingest", json={"urls": urls[:1]}).json()
            assert not again["stored"] and (again["duplicates"] or again["skipped"])


def test_limits_body_size_origin_and_timeouts(store):
    app = create_app(store=store, limits=Limits(max_body_bytes=50_000, max_file_bytes=10_000, timeout_s=0.001))
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        big = c.post("/api/summarize", json={"texts": ["word " * 20_000]})
        assert big.status_code == 413 and "50000 bytes" in big.json()["error"]

        def chunks():
            for _ in range(20):
                yield b"x" * 5000

        streamed = c.post("/api/summarize", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        upload = c.post(
            "/summarize", files=[("files", ("a.txt", b"Kim left Beijing. " * 1000))], headers={"origin": url}
        )
        assert upload.status_code == 400 and "over 9.8 kB, the limit per file" in upload.text
        cross = c.post("/api/summarize", json={"texts": ["x"]}, headers={"origin": "https://evil.example"})
        assert cross.status_code == 403
        broken = c.post("/api/summarize", json={"texts": ["x"]}, headers={"origin": "http://[::1"})
        assert broken.status_code == 403 and "cross-origin" in broken.json()["error"]  # unreadable: not ours
        slow = c.post("/api/summarize", json={"texts": _example_texts()})
        assert slow.status_code == 504 and "longer than 0.001 s" in slow.json()["error"]


def test_security_headers_and_static_traversal(client):
    for path in ("/", "/stories", "/api/stories", "/static/app.css", "/nothing"):
        h = client.get(path).headers
        assert (
            "script-src 'self'" in h["content-security-policy"] and "unsafe-inline" not in h["content-security-policy"]
        )
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert client.get("/static/story.js").status_code == 200
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e/pyproject.toml",
    ):
        r = client.get(path)
        assert r.status_code == 404 and "import" not in r.text, path


def test_hostile_content_is_escaped_in_pages(client, store):
    html = client.get(f"/stories/{store.ids['hostile']}").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(" in html
    assert 'href="javascript:' not in html and "javascript:" not in html  # an unsafe URL is not rendered at all
    # The only <script> elements: our file and the JSON data block (escaped by tojson).
    assert html.count("<script") == 2 and '<script src="/static/story.js" defer>' in html
    data = html.split('<script type="application/json" id="story-data">')[1].split("</script>")[0]
    assert "<" not in data and json.loads(data)["texts"][0] == HOSTILE.text


def test_disagreement_page_shows_both_versions(client, store):
    html = client.get(f"/stories/{store.ids['two_day']}").text
    section = html.split('id="analysis-disagreements"')[1].split("</div>\n</div>")[0]
    assert '<strong class="claim">two-day</strong>' in section
    assert '<strong class="claim">three-day</strong>' in section
    assert 'id="analysis-timeline"' in html
    # The summary sentence on which the outlets disagree is flagged.
    summary = html.split('id="summary"')[1].split("</ol>")[0]
    assert 'class="badge disputed"' in summary


def test_stories_page_search_and_empty_store():
    with serving(create_app(store=False)) as url, httpx.Client(base_url=url) as c:
        assert "No story store" in c.get("/stories").text
        assert c.get("/api/stories").status_code == 503
        assert c.get("/healthz").json()["store"] is False


def test_serve_with_a_bad_database_is_one_line(cli, tmp_path):
    r = cli("serve", "--port", "0", "--database", "nosuchdb://x/y")
    assert r.returncode == 2 and r.stderr.startswith("newsfuse: error: unsupported database URL")
    assert len(r.stderr.strip().splitlines()) == 1
    r = cli("serve", "--port", "70000")
    assert r.returncode == 2 and "--port" in r.stderr and "65535" in r.stderr


@pytest.fixture(scope="module")
def api_schema(base):
    return schemathesis.openapi.from_url(f"{base}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_api_never_crashes_on_generated_input(case):
    """Generated requests, valid and invalid, for every operation: never a 500, and 4xx come with a message."""
    response = case.call(timeout=60)
    if response.status_code in (503, 504):  # busy, slow or no ingest backend: documented answers, not crashes
        assert response.json()["error"]
        return
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert response.json()["error"]


# ---- HEAD, favicon, host allow-list, busy answers, small things ------------------------------------


def test_head_is_answered_on_pages_and_health(client, store):
    for path in ("/", "/stories", f"/stories/{store.ids['example']}", "/healthz", "/favicon.ico"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == 200 == get.status_code, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"], path
    icon = client.get("/favicon.ico")
    assert icon.headers["content-type"].startswith("image/svg+xml") and b"<svg" in icon.content
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text
    assert client.get("/static/favicon.svg").status_code == 200


def test_writes_only_through_allowed_host_names(store):
    """A DNS-rebinding page reaches the server under its own name: its writes are refused, reads still work."""
    body = {"texts": _example_texts()[:2], "words": 40, "analysis": False}
    with serving(create_app(store=store, processes=False)) as url, httpx.Client(base_url=url, timeout=60) as c:
        port = url.rsplit(":", 1)[1]
        for host in (f"rebind.example:{port}", "attacker.example", "127.0.0.2"):
            r = c.post("/api/summarize", json=body, headers={"host": host, "origin": f"http://{host}"})
            assert r.status_code == 403 and "host name" in r.json()["error"], host
            assert (
                c.post("/api/ingest", json={"urls": ["https://x.example/"]}, headers={"host": host}).status_code == 403
            )
            assert c.get("/api/stories", headers={"host": host}).status_code == 200
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", "LOCALHOST."):
            r = c.post("/api/summarize", json=body, headers={"host": host})
            assert r.status_code == 200, (host, r.text)
    with (
        serving(create_app(store=store, allowed_hosts=["news.example.org"], processes=False)) as url,
        httpx.Client(base_url=url, timeout=60) as c,
    ):
        assert c.post("/api/summarize", json=body, headers={"host": "news.example.org"}).status_code == 200
        assert c.post("/api/summarize", json=body).status_code == 403  # only the names given


def test_busy_summaries_get_503_with_retry_after_while_reads_go_on(store):
    """With the summarize queue full, posted summaries get 503 + Retry-After; stored-story reads answer."""
    sid = store.ids["example"]
    with (
        serving(create_app(store=store, limits=Limits(max_pending=0))) as url,
        httpx.Client(base_url=url, timeout=60) as c,
    ):
        r = c.post("/api/summarize", json={"texts": _example_texts()})
        assert r.status_code == 503 and int(r.headers["retry-after"]) >= 1 and "waiting" in r.json()["error"]
        form = c.post("/summarize", data={"texts": "\n---\n".join(_example_texts())}, headers={"origin": url})
        assert form.status_code == 503 and "waiting" in form.text and int(form.headers["retry-after"]) >= 1
        for words in (17, 133, 401):  # uncached lengths: computed in the reads lane
            s = c.get(f"/api/stories/{sid}/summary", params={"words": words})
            assert s.status_code == 200 and 0 < s.json()["words"] <= words
        assert c.get(f"/stories/{sid}", params={"words": 77}).status_code == 200


def test_a_killed_summarize_worker_is_replaced(client):
    """Summaries run in child processes; one killed (out of memory, an operator) costs one 503, not the server."""
    import multiprocessing
    import os
    import signal

    body = {"texts": _example_texts()[:2], "words": 30, "analysis": False}
    assert client.post("/api/summarize", json=body).status_code == 200
    workers = [p for p in multiprocessing.active_children() if p.is_alive()]
    assert workers  # the summary above ran in a worker process of this server
    for p in workers:
        os.kill(p.pid, signal.SIGKILL)
        p.join(10)
    r = client.post("/api/summarize", json=body)
    assert r.status_code == 503 and int(r.headers["retry-after"]) >= 1 and "restarted" in r.json()["error"]
    again = client.post("/api/summarize", json=body)
    assert again.status_code == 200 and again.json()["sentences"]


def test_words_one_says_why_the_summary_is_empty(client, store):
    r = client.get(f"/api/stories/{store.ids['example']}/summary", params={"words": 1}).json()
    assert r["sentences"] == [] and r["words"] == 0
    assert any("shorter than the shortest quotable sentence" in w and "ask for at least" in w for w in r["warnings"])
    page = client.get(f"/stories/{store.ids['example']}", params={"words": 1}).text
    assert "No summary: " in page and "ask for at least" in page


def test_story_list_shows_publication_dates(client, store):
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    two = listed[store.ids["two_day"]]
    assert two["published_first"] == two["published_last"] == "2019-01-09"
    assert listed[store.ids["hostile"]]["published_first"] is None
    html = client.get("/stories").text
    assert 'published <time datetime="2019-01-09">2019-01-09</time>' in html
    assert "no publication date" in html  # the hostile story has none: the list says so


def test_paste_box_limit_in_mb_and_pages_of_pasted_articles_say_they_are_temporary(client):
    assert "up to 2 MB in all" in client.get("/").text
    app = create_app(store=False, limits=Limits(max_paste_bytes=10_000))
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        r = c.post("/summarize", files={"texts": (None, "Kim left Beijing. " * 1000)}, headers={"origin": url})
        assert r.status_code == 400 and "over the 9.8 kB limit of the box" in r.text
    r = client.post("/api/summarize", json={"texts": _example_texts(), "words": 60})
    page = client.get(f"/read/{r.json()['read']}").text
    assert "kept for the last 100" in page and f"/api/reads/{r.json()['read']}?words=" in page
    kept = client.get(f"/api/reads/{r.json()['read']}").json()
    assert [s["id"] for s in kept["sources"]] == ["text-1", "text-2", "text-3"] and kept["sentences"]


# ---- access with a token -------------------------------------------------------------------------

TOKEN = "correct horse battery staple"


@pytest.fixture(scope="module")
def token_store(tmp_path_factory):
    from newsfuse.store import open_store

    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('webtoken') / 'news.db'}")
    s.save_article(TWO_DAY[0])
    yield s
    s.close()


def _sid(c: httpx.Client, headers: dict) -> int:
    return c.get("/api/stories", headers=headers).json()["stories"][0]["id"]


def _writes(c: httpx.Client, headers: dict, pages: str) -> dict[str, httpx.Response]:
    texts = _example_texts()[:2]
    return {
        "POST /api/summarize": c.post("/api/summarize", json={"texts": texts, "words": 40}, headers=headers),
        "POST /api/summarize urls": c.post(
            "/api/summarize", json={"urls": [f"{pages}/000.html"], "words": 40}, headers=headers
        ),
        "POST /api/ingest": c.post(
            "/api/ingest", json={"articles": [{"text": texts[0], "source": "Wire"}]}, headers=headers
        ),
        "POST /summarize": c.post("/summarize", data={"texts": "\n---\n".join(texts)}, headers=headers),
    }


def test_token_guards_every_write(token_store, pages):
    app = create_app(store=token_store, token=TOKEN, allow_private=True, auth_failures=1000, processes=False)
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        for label, headers in (("no token", {}), ("wrong token", {"authorization": "Bearer not-it"})):
            for name, r in _writes(c, headers, pages).items():
                assert r.status_code == 401, (label, name, r.status_code)
                assert r.headers["www-authenticate"] == "Bearer", name
                if name != "POST /summarize":
                    assert r.json() == {"error": "unauthorized"}, (label, name)  # no detail
        for name, r in _writes(c, {"authorization": f"Bearer {TOKEN}"}, pages).items():
            assert r.status_code in (200, 303), (name, r.text)
        # Reads stay open without --private.
        sid = _sid(c, {})
        for path in ("/", "/stories", f"/stories/{sid}", f"/api/stories/{sid}", f"/api/stories/{sid}/summary"):
            assert c.get(path).status_code == 200, path
        assert 'href="/login"' in c.get("/").text  # the home page says a login is needed


def test_private_server_guards_reads_and_the_login_cookie_works(token_store):
    app = create_app(store=token_store, token=TOKEN, private=True, auth_failures=1000, processes=False)
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        good = {"authorization": f"Bearer {TOKEN}"}
        sid = _sid(c, good)
        read = c.post("/api/summarize", json={"texts": _example_texts()[:2], "words": 40}, headers=good).json()["read"]
        reads = [
            "/api/stories",
            f"/api/stories/{sid}",
            f"/api/stories/{sid}/summary?words=30",
            f"/api/reads/{read}",
            f"/api/reads/{read}/summary?words=30",
            "/",
            "/stories",
            f"/stories/{sid}",
            f"/read/{read}",
        ]
        for path in reads:
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers={"authorization": "Bearer nope"}).status_code == 401, path
            assert c.get(path, headers={"cookie": "newsfuse_login=forged"}).status_code == 401, path
            assert c.get(path, headers=good).status_code == 200, path
        # A browser asking for a page is sent to the login form, which comes back to the page.
        r = c.get(f"/stories/{sid}", headers={"accept": "text/html"})
        assert r.status_code == 303 and r.headers["location"] == f"/login?next=%2Fstories%2F{sid}"
        assert c.get("/healthz").status_code == 200 and c.get("/static/app.css").status_code == 200
        assert c.get("/login").status_code == 200
        bad = c.post("/login", data={"token": "guess", "next": "/stories"}, headers={"origin": url})
        assert bad.status_code == 401 and "newsfuse_login" not in bad.headers.get("set-cookie", "")
        ok = c.post("/login", data={"token": TOKEN, "next": "//evil.example/"}, headers={"origin": url})
        assert ok.status_code == 303 and ok.headers["location"] == "/"  # never off-site
        cookie = ok.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict") and TOKEN not in cookie
        value = cookie.split(";")[0]
        assert c.get(f"/stories/{sid}", headers={"cookie": value}).status_code == 200
        form = c.post(
            "/summarize", data={"texts": "\n---\n".join(_example_texts()[:2])}, headers={"cookie": value, "origin": url}
        )
        assert form.status_code == 303 and form.headers["location"].startswith("/read/")


def test_repeated_token_failures_are_rate_limited(token_store):
    app = create_app(store=token_store, token=TOKEN, auth_failures=3, auth_window_s=60)
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        body = {"texts": ["Kim left Beijing on Wednesday."], "words": 20}
        for _ in range(3):
            assert c.post("/api/summarize", json=body, headers={"authorization": "Bearer x"}).status_code == 401
        for headers in ({"authorization": "Bearer y"}, {"authorization": f"Bearer {TOKEN}"}):
            r = c.post("/api/summarize", json=body, headers=headers)
            assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        r = c.post("/login", data={"token": TOKEN}, headers={"origin": url})
        assert r.status_code == 429 and "retry-after" in r.headers
        assert c.get("/api/stories").status_code == 200  # reads of a non-private server are not locked


def test_serve_token_options(cli):
    r = cli("serve", "--private", "--port", "0")
    assert r.returncode == 2 and "--private needs a token" in r.stderr


def test_lane_refuses_promptly_when_it_cannot_finish_in_time():
    """A job stuck behind others gets 503 + Retry-After, not a late 504; a job that ran too long gets 504."""
    import asyncio

    from newsfuse.web.service import BusyError, Lane, TimeoutExceeded

    async def scenario() -> list[str]:
        lane = Lane("test", workers=1, max_pending=8, timeout_s=0.6)
        out: list[str] = []

        async def job(seconds: float) -> None:
            try:
                await lane.run(time.sleep, seconds)
                out.append("ok")
            except BusyError as err:
                out.append(f"busy {err.retry_after}")
            except TimeoutExceeded:
                out.append("timeout")

        first = asyncio.create_task(job(1.0))  # runs past the limit: 504
        await asyncio.sleep(0.05)
        queued = asyncio.create_task(job(0.01))  # admitted, but never reaches the worker in time: 503
        await asyncio.sleep(0.3)  # the first job has now been in the lane for half the limit
        await job(0.01)  # refused at once: 503
        await asyncio.gather(first, queued)
        lane.close()
        return out

    out = asyncio.run(scenario())
    # The late arrival and the queued job: busy; the first job: over the limit.
    assert sorted(o.split()[0] for o in out) == ["busy", "busy", "timeout"], out
    assert out[0].startswith("busy"), out  # the late arrival was answered at once, before any time-out
    assert all(int(o.split()[1]) >= 1 for o in out if o.startswith("busy")), out
