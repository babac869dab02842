"""The web reader in a real browser: Debian's headless Chromium driven by Selenium, against the real server.

The server is `newsfuse serve` in a subprocess on a free loopback port, with a
SQLite store that holds one ordinary story and one hostile one (script tags,
event handlers and javascript: links in every field).  Screenshots of the story
page at laptop and phone width land in $NEWSFUSE_ARTEFACTS (default
/tmp/artefacts/web) for people to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from newsfuse.inputs import read_articles
from newsfuse.types import Article

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTEFACTS = Path(os.environ.get("NEWSFUSE_ARTEFACTS", "/tmp/artefacts/web"))

# A script that ran would set one of these flags (or open an alert, which the tests also check for).
HOSTILE_TEXT = (
    "Officials said the Harbor Bridge reopened on Monday after three weeks of repairs "
    '<script>window.__xss = "script-tag"</script> according to the city.\n\n'
    "Drivers were warned of delays <img src=x onerror=\"window.__xss = 'onerror'\"> during the morning rush.\n\n"
    "Read more at <a href=\"javascript:window.__xss='link'\">our site</a> for updates on the bridge work."
)
HOSTILE = Article(
    id="hostile",
    text=HOSTILE_TEXT,
    title="<script>window.__xss='title'</script>Bridge reopens",
    source="<img src=x onerror=\"window.__xss='outlet'\">Evil Times",
    url="javascript:window.__xss='url'",
    published="2026-11-23",
)
PLAIN = Article(
    id="plain",
    text=(
        "The Harbor Bridge reopened on Monday after three weeks of repairs, the city said.\n\n"
        "Drivers should expect delays during the morning rush while crews finish the work."
    ),
    title="Harbor Bridge reopens after repairs",
    source="City Wire",
    url="https://citywire.example/bridge",
    published="2026-11-23",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`newsfuse serve` on a free port with a fresh SQLite store: (base URL, {name: story id})."""
    from newsfuse.store import open_store

    db = tmp_path_factory.mktemp("web") / "news.db"
    url = f"sqlite:///{db}"
    ids = {}
    with open_store(url) as store:
        example, _ = read_articles([ROOT / "examples" / "kim-jong-un-beijing"])
        first = store.save_article(example[0])
        for a in example[1:]:
            store.save_article(a, story_id=first.story_id)
        ids["example"] = first.story_id
        hostile = store.save_article(HOSTILE)
        store.save_article(PLAIN, story_id=hostile.story_id)
        ids["hostile"] = hostile.story_id
        # Five sources (their texts start folded away): the example plus two outlets that rework its paragraphs.
        five = store.save_article(replace(example[0], id="five-0"))
        for k, a in enumerate(example[1:], 1):
            store.save_article(replace(a, id=f"five-{k}"), story_id=five.story_id)
        for k, (x, y) in enumerate(((example[2], example[0]), (example[1], example[2])), 3):
            paras = [p for p in x.text.split("\n\n")[::-1] + y.text.split("\n\n")[1::2] if p.strip()]
            store.save_article(
                Article(f"five-{k}", "\n\n".join(paras), title=f"Rework {k}", source=f"Outlet {k}"),
                story_id=five.story_id,
            )
        ids["five"] = five.story_id
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "serve", "--port", str(port), "--database", url, "--log-level", "warning"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"newsfuse serve exited with {proc.returncode}; see {log.name}")
                time.sleep(0.1)
        else:
            pytest.fail("newsfuse serve did not answer /healthz within 30 s")
        yield base, ids
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs them: missing there is a broken setup, not a skip
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, timeout: float = 20.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _screenshot(driver, name: str, width: int, height: int | None = None) -> Path:
    """Screenshot at ``width``; ``height`` None = the whole page."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(width, height or 900)
    time.sleep(0.3)
    if height is None:
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(int(full) + 120, 6000))
        time.sleep(0.3)
    path = ARTEFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1366, 900)
    return path


def _no_alert(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    pytest.fail(f"an alert opened: {text!r}")


def test_submit_example_files_then_cite_and_slide(server, browser):
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(base + "/")
    files = sorted((ROOT / "examples" / "kim-jong-un-beijing").glob("*.txt"))
    browser.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
    words = browser.find_element(By.ID, "words")
    words.clear()
    words.send_keys("100")
    browser.find_element(By.ID, "submit").click()
    _wait(browser, lambda d: "/read/" in d.current_url)

    sentences = browser.find_elements(By.CSS_SELECTOR, "#summary li.passage .sentence")
    assert len(sentences) >= 2
    cites = browser.find_elements(By.CSS_SELECTOR, "#summary .cite")
    assert cites, "summary sentences carry citation buttons"
    sources = browser.find_elements(By.CSS_SELECTOR, ".col-sources .source")
    assert len(sources) == 3
    assert "Kim Jong Un heads home" in sources[0].text

    # Each citation highlights exactly the cited span of its source (offsets from the JSON).
    import json

    story_id = browser.current_url.split("/read/")[1].split("?")[0]
    with urllib.request.urlopen(f"{base}/api/reads/{story_id}/summary?words=100") as r:
        summary = json.load(r)
    first = summary["sentences"][0]
    cite = browser.find_element(By.CSS_SELECTOR, "#summary li.passage .sentence .cite")
    assert cite.get_attribute("data-source") == first["citations"][0]["source"]
    cite.click()
    mark = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".source.active mark.cited"))
    assert mark.text.strip() == first["text"].strip()
    assert "active" in cite.get_attribute("class")
    # A citation to another source moves the highlight there; only one mark on the page.
    other = [b for b in browser.find_elements(By.CSS_SELECTOR, "#summary .cite") if b.get_attribute("data-n") != "1"]
    if other:
        other[0].click()
        _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, f"#source-{other[0].get_attribute('data-n')} mark"))
        assert len(browser.find_elements(By.CSS_SELECTOR, "mark.cited")) == 1

    # The slider re-renders the summary through the API, without reloading the page.
    browser.execute_script("window.__same_page = true")
    slider = browser.find_element(By.ID, "words-slider")
    browser.execute_script(
        "arguments[0].value = 40; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", slider
    )
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.summaryWords") is not None)
    assert browser.execute_script("return window.__same_page") is True
    short = int(browser.execute_script("return document.body.dataset.summaryWords"))
    assert 0 < short <= 40
    assert len(browser.find_elements(By.CSS_SELECTOR, "#summary li.passage .sentence")) < len(sentences)
    assert "words=40" in browser.current_url
    _no_alert(browser)


def _expected_passages(story: dict, texts: dict[str, str]) -> list[list[str]]:
    """The summary's sentence texts grouped as a reader sees them: a sentence joins the one before when it
    comes next in the same paragraph of the same source (only spaces between their cited spans)."""
    out: list[list[str]] = []
    before = None
    for s in story["sentences"]:
        c = s["citations"][0]
        gap = None
        if before is not None and before["source"] == c["source"] and c["start"] >= before["end"]:
            gap = texts[c["source"]][before["end"] : c["start"]]
        if gap is not None and not gap.strip() and "\n" not in gap:
            out[-1].append(s["text"])
        else:
            out.append([s["text"]])
        before = c
    return out


def _shown_passages(browser) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    return [
        [t.text for t in li.find_elements(By.CSS_SELECTOR, ".sentence .sentence-text")]
        for li in browser.find_elements(By.CSS_SELECTOR, "#summary li.passage")
    ]


def test_summary_shows_passages(server, browser):
    """Sentences that follow each other in one paragraph of one source show as one item, each sentence with
    its own citations and highlight, the same from the server's page and from the slider's re-render."""
    import json

    from selenium.webdriver.common.by import By

    base, ids = server
    with urllib.request.urlopen(f"{base}/api/stories/{ids['example']}/summary?words=200") as r:
        story = json.load(r)
    browser.get(f"{base}/stories/{ids['example']}?words=200")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .cite"))
    data = json.loads(browser.find_element(By.ID, "story-data").get_attribute("textContent"))
    expected = _expected_passages(story, dict(zip(data["sources"], data["texts"], strict=True)))
    assert any(len(p) > 1 for p in expected), "the example at 200 words has a passage of two sentences"
    assert [[" ".join(t.split()) for t in p] for p in _shown_passages(browser)] == [
        [" ".join(t.split()) for t in p] for p in expected
    ]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#summary > li")) == len(expected)
    # The second sentence of a passage keeps its own citation: it highlights that sentence, not the first.
    k = next(i for i, p in enumerate(expected) if len(p) > 1)
    item = browser.find_elements(By.CSS_SELECTOR, "#summary li.passage")[k]
    second = item.find_elements(By.CSS_SELECTOR, ".sentence")[1]
    assert second.find_elements(By.CSS_SELECTOR, ".cites .cite") and second.find_elements(By.CSS_SELECTOR, ".badge")
    second.find_element(By.CSS_SELECTOR, ".cite").click()
    mark = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".source.active mark.cited"))
    assert " ".join(mark.text.split()) == " ".join(expected[k][1].split())
    # The slider's re-render (in the page's script) groups them the same way.
    slider = browser.find_element(By.ID, "words-slider")
    for words in (40, 200):
        browser.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
            slider,
            words,
        )
        _wait(
            browser,
            lambda d, w=words: (
                f"words={w}" in d.current_url
                and "loading" not in d.find_element(By.TAG_NAME, "body").get_attribute("class")
            ),
        )
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#summary li.passage")) == len(expected))
    assert [[" ".join(t.split()) for t in p] for p in _shown_passages(browser)] == [
        [" ".join(t.split()) for t in p] for p in expected
    ]
    _no_alert(browser)


DATED = [  # one story told over six weeks: each article a different Monday
    {
        "id": "d1",
        "title": "Harbor Bridge closes for repairs",
        "source": "City Wire",
        "published": "2026-10-05",
        "text": "The Harbor Bridge closed on Monday for repairs to its deck, the city said.\n\n"
        "Crews will replace the worn steel plates over three weeks, officials said.\n\n"
        "Drivers were told to use the tunnel while the bridge is closed.",
    },
    {
        "id": "d2",
        "title": "Harbor Bridge repairs run late",
        "source": "Daily Post",
        "published": "2026-10-26",
        "text": "Repairs to the Harbor Bridge are running two weeks late, the city said on Monday.\n\n"
        "Crews found rust under the worn steel plates of the deck, officials said.\n\n"
        "The tunnel has seen long queues since the bridge closed.",
    },
    {
        "id": "d3",
        "title": "Harbor Bridge reopens",
        "source": "Evening News",
        "published": "Mon, 16 Nov 2026 09:00:00 GMT",
        "text": "The Harbor Bridge reopened on Monday after six weeks of repairs, the city said.\n\n"
        "The new steel plates should last thirty years, officials said.\n\n"
        "Queues at the tunnel eased within hours of the bridge reopening.",
    },
]
DATED_DAYS = {"d1": "Oct 5, 2026", "d2": "Oct 26, 2026", "d3": "Nov 16, 2026"}


def _shown_days(browser) -> list[tuple[str | None, str, str]]:
    """Per summary item: its day mark (None without one), the text right after the mark, its first cited source."""
    return browser.execute_script(
        """return Array.from(document.querySelectorAll('#summary li.passage')).map(function (li) {
            const first = li.firstElementChild;
            const mark = first && first.matches('.passage-day') ? first : null;
            const n = li.querySelectorAll('.passage-day').length;
            return [mark ? mark.textContent : (n ? 'misplaced' : null), mark ? mark.nextSibling.textContent : '',
                    li.querySelector('.sentence .cite').dataset.source];
        });"""
    )


def _rerender(browser, words: int) -> None:
    """Move the length slider to ``words`` and wait until the script has rebuilt the summary's items."""
    from selenium.webdriver.common.by import By

    browser.execute_script("document.querySelectorAll('#summary li').forEach(function (li) { li.dataset.old = '1'; })")
    slider = browser.find_element(By.ID, "words-slider")
    browser.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
        slider,
        words,
    )
    _wait(
        browser,
        lambda d: (
            f"words={words}" in d.current_url
            and not d.find_elements(By.CSS_SELECTOR, "#summary li[data-old]")
            and "loading" not in d.find_element(By.TAG_NAME, "body").get_attribute("class")
        ),
    )


def test_a_story_told_over_days_marks_each_passage_day_where_it_changes(server, browser):
    """Dated articles weeks apart: each summary item whose article's day differs from the item before starts
    with that day, on the server's page and after the slider's re-render; an undated story shows no days."""
    import json

    from selenium.webdriver.common.by import By

    base, ids = server
    req = urllib.request.Request(
        f"{base}/api/summarize",
        json.dumps({"articles": DATED, "words": 200}).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req) as r:
        token = json.load(r)["read"]
    browser.get(f"{base}/read/{token}?words=200")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .cite"))

    def check() -> None:
        shown = _shown_days(browser)
        assert shown, "the dated story has a summary"
        before = None
        for mark, after, source in shown:
            day = DATED_DAYS[source]
            assert mark == (None if day == before else day), shown
            assert after.strip() == ("" if mark is None else "—")
            before = day
        assert len({s for _, _, s in shown}) >= 2 and sum(m is not None for m, _, _ in shown) >= 2, shown

    check()
    for words in (40, 200):
        _rerender(browser, words)
        check()
    # The example has no publication dates: neither its page nor its re-render shows a day.
    browser.get(f"{base}/stories/{ids['example']}?words=120")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .cite"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#summary .passage-day")
    _rerender(browser, 60)
    assert browser.find_elements(By.CSS_SELECTOR, "#summary li.passage")
    assert not browser.find_elements(By.CSS_SELECTOR, "#summary .passage-day")
    _no_alert(browser)


def test_stored_story_page_and_screenshots(server, browser):
    from selenium.webdriver.common.by import By

    base, ids = server
    browser.get(f"{base}/stories")
    links = browser.find_elements(By.CSS_SELECTOR, "#story-list .story-title")
    assert len(links) == 3
    browser.get(f"{base}/stories?q=Bridge")
    links = browser.find_elements(By.CSS_SELECTOR, "#story-list .story-title")
    assert [a.get_attribute("href") for a in links] == [f"{base}/stories/{ids['hostile']}"]
    browser.get(f"{base}/stories?q=Beijing")
    links = browser.find_elements(By.CSS_SELECTOR, "#story-list .story-title")
    hrefs = [a.get_attribute("href") for a in links]
    assert sorted(hrefs) == sorted(f"{base}/stories/{ids[k]}" for k in ("example", "five"))
    links[hrefs.index(f"{base}/stories/{ids['example']}")].click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .cite"))
    badges = browser.find_elements(By.CSS_SELECTOR, "#summary .badge")
    assert badges and all("/3" in b.text for b in badges)  # support out of 3 outlets
    browser.find_element(By.CSS_SELECTOR, "#summary .cite").click()
    _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "mark.cited"))
    laptop = _screenshot(browser, "story-laptop", 1366, 900)
    phone = _screenshot(browser, "story-phone", 390, None)
    assert laptop.stat().st_size > 10_000 and phone.stat().st_size > 10_000
    # Nothing sticks out sideways at phone width.
    browser.set_window_size(390, 844)
    time.sleep(0.2)
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    browser.set_window_size(1366, 900)
    assert overflow <= 1


def test_hostile_article_renders_inert(server, browser):
    from selenium.webdriver.common.by import By

    base, ids = server
    browser.get(f"{base}/stories/{ids['hostile']}")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".source"))
    # Click every citation and hover the page: the hostile text gets re-rendered by the script.
    for b in browser.find_elements(By.CSS_SELECTOR, ".cite"):
        b.click()
    for d in browser.find_elements(By.CSS_SELECTOR, "details"):
        browser.execute_script("arguments[0].open = true", d)
    time.sleep(0.5)
    _no_alert(browser)
    assert browser.execute_script("return window.__xss === undefined")
    # The markup is shown as text, not run: no element came from the article.
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__xss='title'</script>Bridge reopens" in page
    assert "onerror" in page
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script:not([type='application/json'])")
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "a")]
    assert not [h for h in hrefs if not h.startswith(("http://", "https://"))]
    assert "https://citywire.example/bridge" in hrefs  # the honest link is kept
    _screenshot(browser, "hostile-laptop", 1366, 900)
    # Even a script that slipped through could not run inline: the CSP forbids it.
    with urllib.request.urlopen(f"{base}/stories/{ids['hostile']}") as r:
        csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_hostile_upload_renders_inert(server, browser, tmp_path):
    """The same attack as an uploaded HTML page and as pasted text, through the home form."""
    from selenium.webdriver.common.by import By

    base, _ = server
    page = tmp_path / "evil.html"
    page.write_text(
        "<html><head><title>Bridge <script>window.__xss='head'</script></title></head><body><article>"
        f"<p>{HOSTILE_TEXT}</p><p>The bridge had been closed since early November for urgent repairs.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    browser.get(base + "/")
    browser.find_element(By.ID, "texts").send_keys(PLAIN.text + "\n---\n" + HOSTILE_TEXT)
    browser.find_element(By.ID, "files").send_keys(str(page))
    browser.find_element(By.ID, "submit").click()
    _wait(browser, lambda d: "/read/" in d.current_url)
    for b in browser.find_elements(By.CSS_SELECTOR, ".cite"):
        b.click()
    time.sleep(0.3)
    _no_alert(browser)
    assert browser.execute_script("return window.__xss === undefined")
    assert "<script>" in browser.find_element(By.TAG_NAME, "body").text
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not errors, errors


# ---- citations scroll the cited span into view -----------------------------------------------------

VISIBLE_JS = """
const mark = document.querySelector("mark.cited");
if (!mark) return null;
const box = mark.closest(".source-text");
const r = mark.getBoundingClientRect();
const b = box.getBoundingClientRect();
// The box's visible rectangle: its client area (inside borders, without a scrollbar).
const inner = {top: b.top + box.clientTop, left: b.left + box.clientLeft};
inner.bottom = inner.top + box.clientHeight;
inner.right = inner.left + box.clientWidth;
// What the viewport shows: the window, cut by every scrolling ancestor, below a sticky jump bar if shown.
let view = {top: 0, left: 0, bottom: window.innerHeight, right: document.documentElement.clientWidth};
const jump = document.getElementById("jump");
if (jump && getComputedStyle(jump).display !== "none") {
  view.top = Math.max(view.top, jump.getBoundingClientRect().bottom);
}
for (let el = box.parentElement; el && el !== document.body; el = el.parentElement) {
  const st = getComputedStyle(el);
  if (/(auto|scroll|hidden)/.test(st.overflowY) && el.scrollHeight > el.clientHeight) {
    const e = el.getBoundingClientRect();
    view = {top: Math.max(view.top, e.top), left: Math.max(view.left, e.left),
            bottom: Math.min(view.bottom, e.top + el.clientHeight), right: Math.min(view.right, e.right)};
  }
}
const inside = (o) => r.top >= o.top - 1 && r.bottom <= o.bottom + 1 && r.left >= o.left - 1 && r.right <= o.right + 1;
return {mark: [r.top, r.bottom, r.left, r.right], box: inside(inner), view: inside(view),
        scrolls: box.scrollHeight > box.clientHeight, scrollTop: box.scrollTop, source: box.dataset.source,
        text: mark.textContent};
"""


def _settled(driver, timeout: float = 8.0) -> dict:
    """The mark's position once smooth scrolling has stopped (two equal readings in a row)."""
    last = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = driver.execute_script(VISIBLE_JS)
        if (
            now is not None
            and last is not None
            and now["mark"] == last["mark"]
            and now["scrollTop"] == last["scrollTop"]
        ):
            return now
        last = now
        time.sleep(0.15)
    pytest.fail(f"the page did not settle after a citation click: {last}")


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
@pytest.mark.parametrize("story", ["example", "five"])
def test_citation_click_scrolls_the_cited_span_into_view(server, browser, width, height, story):
    from selenium.webdriver.common.by import By

    base, ids = server
    browser.set_window_size(width, height)
    try:
        browser.get(f"{base}/stories/{ids[story]}?words=200")
        _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .cite"))
        buttons = browser.find_elements(By.CSS_SELECTOR, "#summary .cite")
        # Several citations, later ones first (their spans sit deep in long texts), then back to earlier ones.
        chosen = buttons[::-1][:6] + buttons[:3]
        assert len(chosen) >= 5
        needed_scroll = 0
        for k, button in enumerate(chosen):
            expected = browser.execute_script(
                "const b = arguments[0]; const t = JSON.parse(document.getElementById('story-data').textContent);"
                "const i = t.sources.indexOf(b.dataset.source);"
                "return [...t.texts[i]].slice(+b.dataset.start, +b.dataset.end).join('');",
                button,
            )
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)  # as a reader sees it
            button.click()
            seen = _settled(browser)
            assert seen["text"] == expected and seen["source"] == button.get_attribute("data-source")
            assert seen["box"], f"citation {k} ({width}px): mark outside its source box: {seen}"
            assert seen["view"], f"citation {k} ({width}px): mark outside the visible part of the page: {seen}"
            needed_scroll += seen["scrollTop"] > 0
        assert needed_scroll >= 2  # the test exercised scrolling inside the boxes, not only spans at the top
        _screenshot(browser, f"cite-{story}-{width}", width, height)
    finally:
        browser.set_window_size(1366, 900)


def test_sources_are_one_tap_away_on_a_phone(server, browser):
    from selenium.webdriver.common.by import By

    base, ids = server
    browser.set_window_size(390, 844)
    try:
        browser.get(f"{base}/stories/{ids['example']}")
        link = browser.find_element(By.ID, "jump-sources")
        assert link.is_displayed() and link.rect["y"] < 844  # on the first screen, no scrolling needed
        top = "return document.getElementById(arguments[0]).getBoundingClientRect().top + window.scrollY"
        sources, analysis = browser.execute_script(top, "sources-h"), browser.execute_script(top, "analysis")
        assert sources < analysis  # one column: the sources come before the long analysis
        link.click()
        _wait(
            browser,
            lambda d: (
                0 <= d.execute_script("return document.getElementById('sources-h').getBoundingClientRect().top") < 200
            ),
        )
        # The bar stays on top while reading, so the summary and analysis are one tap away too.
        bar = browser.find_element(By.ID, "jump")
        assert (
            bar.is_displayed() and browser.execute_script("return arguments[0].getBoundingClientRect().top", bar) == 0
        )
        browser.set_window_size(1366, 900)
        time.sleep(0.2)
        assert not browser.find_element(By.ID, "jump").is_displayed()  # two columns: sources beside the summary
    finally:
        browser.set_window_size(1366, 900)


def test_favicon_is_served_to_the_browser(server, browser):
    base, _ = server
    browser.get(base + "/")
    href = browser.execute_script("return document.querySelector('link[rel=icon]').href")
    with urllib.request.urlopen(href) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("image/svg+xml")
    browser.get(base + "/favicon.ico")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
