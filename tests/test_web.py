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

from newsfuse.ingest import read_articles
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
        assert upload.status_code == 400 and "the limit per file is 10000" in upload.text
        cross = c.post("/api/summarize", json={"texts": ["x"]}, headers={"origin": "https://evil.example"})
        assert cross.status_code == 403
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
