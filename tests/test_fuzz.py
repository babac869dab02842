"""Property-based fuzzing of every reader: JSONL, feeds, OPML, HTML, Multi-News lines and HTTP API bodies.

Hostile input (lone surrogates, NUL, impossible character references, broken markup and JSON; see
``fuzzing.py``) is either read into encodable articles or refused with a clear one-line error; an
HTTP body gets a 2xx, or a 4xx with a message, and the server logs no error.  A few thousand cases
here, seeded so that every run checks the same ones; ``benchmarks/fuzz.py`` runs 10,000+ per reader.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import fuzzing

CASES = {"jsonl": 600, "multinews": 600, "opml": 400, "feeds": 400, "html": 250}


def fuzz_settings(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


@pytest.mark.parametrize("reader", sorted(CASES))
def test_reader_never_crashes(reader):
    strategy, check = fuzzing.READERS[reader]
    fuzz_settings(CASES[reader])(given(strategy)(check))()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    client = fuzzing.ApiClient(str(tmp_path_factory.mktemp("fuzzapi")))
    yield client
    client.close()


def test_api_bodies_never_give_a_server_error(api):
    @fuzz_settings(250)
    @given(fuzzing.api_request())
    def post(case):
        api.post(*case)

    post()


@pytest.mark.parametrize(
    "body",
    [
        b'{"texts": ["Police said 12 people were killed in the fire in Leeds on Monday. \\ud800 Officials '
        b'said the victims were aged 40 to 70 and the fire broke out in a warehouse."]}',
        b'{"articles": [{"text": "Police said 12 people were killed in Leeds on Monday \\udc00 night when fire '
        b'broke out.", "title": "\\ud800", "source": "\\u0000"}], "words": 30}',
        b'{"files": [{"name": "a.jsonl", "content": "{\\"text\\": \\"Kim \\\\ud800 left Beijing on Wednesday '
        b'by train after talks with Xi.\\"}"}]}',
    ],
)
def test_api_summarize_repairs_lone_surrogates(api, body):
    """What made POST /api/summarize answer 500 and log two tracebacks: now a summary, text repaired."""
    assert api.post("/api/summarize", body) == 200
    story = api.http.post("/api/summarize", content=body, headers={"content-type": "application/json"}).json()
    assert story["sentences"] and any("\ufffd" in s["text"] for s in story["sources"])


def test_api_ingest_repairs_lone_surrogates(api):
    body = (
        b'{"articles": [{"id": "surrogate", "source": "Wire \\ud800", "text": "Police said 12 people were killed '
        b"when a fire broke out in a warehouse in Leeds on Monday night \\ud800, and officials said the victims "
        b'were aged 40 to 70."}]}'
    )
    assert api.post("/api/ingest", body) == 200
    stored = api.store.get_article("surrogate")
    assert stored is not None and "\ufffd" in stored.text and stored.source == "Wire \ufffd"
