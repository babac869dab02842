"""Ingest stage: folders, text, HTML, JSONL, Multi-News lines, format detection and decoding."""

from __future__ import annotations

import gzip
import json
from itertools import islice

import pytest

from newsfuse.errors import InputError
from newsfuse.inputs import (
    article_from_html,
    decode_text,
    detect_format,
    holds_stories,
    iter_multinews,
    looks_binary,
    parse_multinews_line,
    parse_story_line,
    read_articles,
)
from newsfuse.inputs.readers import unique_ids
from newsfuse.types import Article

BODY = "The city council approved the new budget on Monday after a long debate.\n"

PAGE = (
    "<html><head><title>Budget vote passes</title>"
    '<meta property="og:site_name" content="City Times">'
    '<script>var tracker = "SCRIPT-PAYLOAD";</script></head>'
    "<body><nav>Home | World | Sports</nav><article><h1>Budget vote passes</h1>"
    "<p>The city council approved the new budget on Monday after a long debate.</p>"
    "<p>Officials said the plan raises spending on schools by 4 percent.</p>"
    "<script>alert('SCRIPT-PAYLOAD')</script>"
    "<p>Critics argued that the budget ignores rising housing costs in the region.</p>"
    "</article></body></html>"
)


# --- folders, text and markdown -------------------------------------------------------------------


def test_folder_ids_are_sorted_stems_and_hidden_files_are_skipped(tmp_path):
    (tmp_path / "b.txt").write_text("Second article. " + BODY)
    (tmp_path / "a.md").write_text("# First\n\nFirst article body. " + BODY)
    (tmp_path / ".hidden.txt").write_text("Hidden file. " + BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("Inside a hidden folder. " + BODY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a readable suffix: ignored
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text("Nested article. " + BODY)

    articles, warnings = read_articles([tmp_path])

    assert [a.id for a in articles] == ["a", "b", "d"]
    assert warnings == []
    assert articles[0].text.startswith("# First")
    assert articles[1].text == "Second article. " + BODY
    assert articles[1].path == str(tmp_path / "b.txt")
    assert all("Hidden" not in a.text and "hidden folder" not in a.text for a in articles)


def test_text_article_title_from_headline_line(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Kim leaves Beijing after talks\n\n" + BODY)
    (article,), _ = read_articles([f])
    assert article.id == "story"
    assert article.title == "Kim leaves Beijing after talks"
    assert article.text == "Kim leaves Beijing after talks\n\n" + BODY  # text untouched: offsets stay valid


def test_text_article_without_headline_has_no_title(tmp_path):
    f = tmp_path / "story.md"
    f.write_text(BODY)
    (article,), _ = read_articles([f])
    assert article.title is None


def test_missing_path_and_unknown_format_raise():
    with pytest.raises(InputError, match="no such file"):
        read_articles(["/definitely/not/here.txt"])
    with pytest.raises(InputError, match="unknown input format"):
        read_articles(["x"], "pdf")
    with pytest.raises(InputError, match="no input"):
        read_articles([])


def test_unreadable_file_next_to_good_one_is_skipped_with_warning(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text("   \n")
    articles, warnings = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a"]
    assert any("skipped" in w and "empty" in w for w in warnings)


def test_stdin_text():
    articles, _ = read_articles(["-"], stdin_text=BODY)
    assert [a.id for a in articles] == ["stdin"]
    assert articles[0].text == BODY


# --- HTML -------------------------------------------------------------------------------------------


def test_html_through_trafilatura(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE)
    (article,), _ = read_articles([f])
    assert article.id == "page"
    assert article.title == "Budget vote passes"
    assert article.source == "City Times"
    assert "Officials said the plan raises spending on schools by 4 percent." in article.text
    assert "housing costs" in article.text
    assert "SCRIPT-PAYLOAD" not in article.text and "alert" not in article.text and "<" not in article.text
    assert "Home | World" not in article.text


def test_html_detected_by_content_without_suffix(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("<!DOCTYPE html>\n" + PAGE)
    (article,), _ = read_articles([f])
    assert article.title == "Budget vote passes"
    assert "<p>" not in article.text


def test_html_without_article_text_raises():
    with pytest.raises(InputError, match="no article text"):
        article_from_html("<html><body><nav>Home</nav></body></html>", "x")


def test_html_url_is_kept():
    a = article_from_html(PAGE, "p", url="https://www.citytimes.example/budget")
    assert a.url == "https://www.citytimes.example/budget"


# --- JSONL ------------------------------------------------------------------------------------------


def test_jsonl_known_keys_and_extra(tmp_path):
    f = tmp_path / "feed.jsonl"
    rec = {
        "id": 7,
        "title": "Budget vote",
        "text": BODY,
        "source": "City Times",
        "url": "https://citytimes.example/a",
        "published": "2019-01-09",
        "author": "Jane Roe",
        "tags": ["budget", "council"],
    }
    f.write_text(json.dumps(rec) + "\n\n" + json.dumps({"text": "Second. " + BODY}) + "\n")
    articles, warnings = read_articles([f])
    assert warnings == []
    first, second = articles
    assert first.id == "7"
    assert (first.title, first.source, first.url, first.published) == (
        "Budget vote",
        "City Times",
        "https://citytimes.example/a",
        "2019-01-09",
    )
    assert first.text == BODY
    assert first.extra == {"author": "Jane Roe", "tags": ["budget", "council"]}
    assert first.path == str(f)
    # No id: the line number (blank lines still count) stands in.
    assert second.id == "3"
    assert second.extra == {} and second.title is None


def test_jsonl_missing_text_reports_line_number(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"title": "no body"}) + "\n")
    with pytest.raises(InputError) as err:
        read_articles([f])
    assert "feed.jsonl:2" in str(err.value)
    assert "'text'" in str(err.value)


def test_jsonl_skip_invalid_keeps_good_lines(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": BODY}) + "\n{broken\n[1, 2]\n" + json.dumps({"text": "Two. " + BODY}) + "\n")
    articles, warnings = read_articles([f], skip_invalid=True)
    assert [a.id for a in articles] == ["1", "4"]
    assert any("feed.jsonl:2" in w and "invalid JSON" in w for w in warnings)
    assert any("feed.jsonl:3" in w and "list" in w for w in warnings)


def test_jsonl_record_with_unicode_line_separator_in_text(tmp_path):
    f = tmp_path / "feed.jsonl"
    text = "Kim left Beijing on Wednesday.\u2028He met Xi Jinping on Tuesday."
    f.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    articles, _ = read_articles([f])
    assert [a.text for a in articles] == [text]


def test_duplicate_ids_made_unique(tmp_path):
    (tmp_path / "one.jsonl").write_text(json.dumps({"id": "x", "text": BODY}) + "\n")
    (tmp_path / "two.jsonl").write_text(
        json.dumps({"id": "x", "text": "Two. " + BODY}) + "\n" + json.dumps({"id": "x", "text": "Three. " + BODY})
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "a.txt").write_text(BODY)
    (sub / "a.txt").write_text("Nested. " + BODY)
    articles, _ = read_articles([tmp_path])
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids)) == 5
    # Files in path order (a.txt, one.jsonl, sub/a.txt, two.jsonl); repeats get -2, -3.
    assert ids == ["a", "x", "a-2", "x-2", "x-3"]
    assert [a.text.split(".")[0] for a in articles][2:] == ["Nested", "Two", "Three"]


def test_unique_ids_never_collide_with_existing_ids():
    got = [a.id for a in unique_ids([Article("a", "x"), Article("a", "y"), Article("a-2", "z")])]
    assert len(set(got)) == 3


# --- Multi-News lines ----------------------------------------------------------------------------------


def test_parse_multinews_line_both_separators_and_newlines():
    line = (
        "Kim left Beijing. NEWLINE_CHAR NEWLINE_CHAR He met Xi. story_separator_special_tag "
        "Second outlet text. ||||| Third outlet text.\n"
    )
    articles = parse_multinews_line(line)
    assert [a.text for a in articles] == [
        "Kim left Beijing. \n \n He met Xi.",
        "Second outlet text.",
        "Third outlet text.",
    ]
    assert [a.id for a in articles] == ["000", "001", "002"]
    assert all("NEWLINE_CHAR" not in a.text and "|||||" not in a.text for a in articles)


def test_parse_multinews_line_drops_empty_articles():
    line = "One. story_separator_special_tag   story_separator_special_tag NEWLINE_CHAR ||||| Two."
    articles = parse_multinews_line(line)
    assert [a.text for a in articles] == ["One.", "Two."]
    assert len({a.id for a in articles}) == 2
    assert parse_multinews_line("  ||||| NEWLINE_CHAR \n") == []


def test_iter_multinews_reads_gzip(tmp_path):
    f = tmp_path / "stories.src.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write("A one. ||||| A two.\n")
        fh.write("B one. NEWLINE_CHAR B again. story_separator_special_tag B two. ||||| B three.\n")
    stories = list(iter_multinews(f))
    assert [[a.text for a in s] for s in stories] == [
        ["A one.", "A two."],
        ["B one. \n B again.", "B two.", "B three."],
    ]


def test_iter_multinews_plain_and_missing(tmp_path):
    f = tmp_path / "s.src"
    f.write_text("X. ||||| Y.\n\nZ.\n")
    assert [[a.text for a in s] for s in iter_multinews(f)] == [["X.", "Y."], [], ["Z."]]
    with pytest.raises(InputError, match="no such file"):
        list(iter_multinews(tmp_path / "missing.src"))
    with pytest.raises(InputError, match="folder"):
        list(iter_multinews(tmp_path))


def test_multinews_file_read_as_one_story(tmp_path):
    f = tmp_path / "s.src"
    f.write_text("First article. ||||| Second article.\n")
    articles, _ = read_articles([f], "multinews")
    assert [a.text for a in articles] == ["First article.", "Second article."]


def test_iter_multinews_on_real_data(data_dir):
    stories = list(islice(iter_multinews(data_dir / "val-full250.src"), 5))
    assert len(stories) == 5
    for articles in stories:
        assert articles
        for a in articles:
            assert a.text == a.text.strip() and a.text
            assert "NEWLINE_CHAR" not in a.text and "story_separator_special_tag" not in a.text


# --- format detection and decoding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", "Kim left Beijing.", "text"),
        ("a.md", "# Kim\n\nKim left Beijing.", "text"),
        ("a.html", "plain words", "html"),
        ("a.HTM", "plain words", "html"),
        ("a.jsonl", "whatever", "jsonl"),
        ("a.ndjson", "whatever", "jsonl"),
        ("a.src", "Kim left.", "multinews"),
        ("a.txt", "Kim left. ||||| Xi stayed.", "multinews"),
        ("a.txt", "Kim left. story_separator_special_tag Xi stayed.", "multinews"),
        ("stdin", '  {"text": "Kim left."}', "jsonl"),
        ("stdin", "<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("stdin", "<html><p>x</p></html>", "html"),
    ],
)
def test_detect_format(name, text, expected):
    assert detect_format(name, text) == expected


def test_decode_utf8_with_bom():
    text, warning = decode_text("\ufeffZürich café".encode())
    assert text == "Zürich café"
    assert warning is None


def test_decode_plain_utf8():
    assert decode_text("Kim – Xi “talks”".encode()) == ("Kim – Xi “talks”", None)


def test_decode_cp1252():
    original = "Café “quoted” – dash €5"
    text, warning = decode_text(original.encode("cp1252"), "old.txt")
    assert text == original
    assert warning is not None and "old.txt" in warning and "Windows-1252" in warning


def test_decode_mostly_utf8_with_broken_bytes():
    text, warning = decode_text("Zürich café € ".encode() * 3 + b"caf\xc3 closed")
    assert text.startswith("Zürich café €")
    assert text.count("\ufffd") == 1
    assert warning is not None and "invalid UTF-8" in warning


def test_decode_binary_raises():
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert looks_binary(data)
    with pytest.raises(InputError, match="binary"):
        decode_text(data, "photo.txt")
    assert looks_binary(b"\x01\x02\x03\x04" * 50)  # control characters, no NUL
    assert not looks_binary(b"")
    assert not looks_binary(b"Kim left Beijing.\r\n\tIndented.\f")


def test_read_articles_decodes_cp1252_file_with_warning(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("Le maire a approuvé le budget lundi.".encode("cp1252"))
    (article,), warnings = read_articles([f])
    assert "approuvé" in article.text
    assert any("Windows-1252" in w for w in warnings)


def test_story_lines_keep_each_articles_source_and_date(tmp_path):
    story = {
        "id": "d30001t",
        "articles": [
            {"id": "APW1", "text": "Hun Sen rejected talks abroad.", "source": "APW", "published": "1998-10-16"},
            {"text": "Talks stalled.", "source": "NYT", "published": "1998-10-22", "section": "world"},
            {"text": "  "},
        ],
    }
    articles = parse_story_line(json.dumps(story))
    assert [(a.id, a.source, a.published) for a in articles] == [
        ("APW1", "APW", "1998-10-16"),
        ("d30001t-1", "NYT", "1998-10-22"),
    ]
    assert articles[1].extra == {"section": "world"}
    # Anything else on the line is Multi-News text, braces included.
    assert [a.text for a in parse_story_line('{"not": "a story"} ||||| Rain.')] == ['{"not": "a story"}', "Rain."]
    with pytest.raises(InputError, match=r"story d1: article 0 is not a JSON object"):
        parse_story_line('{"id": "d1", "articles": ["text"]}')
    with pytest.raises(InputError, match=r"story d1: article 0: JSON object has no string field 'text'"):
        parse_story_line('{"id": "d1", "articles": [{"body": "x"}]}')
    path = tmp_path / "stories.jsonl"
    path.write_text("\n" + json.dumps(story) + "\n", encoding="utf-8")
    assert holds_stories(path)
    articles_file = tmp_path / "articles.jsonl"
    articles_file.write_text(json.dumps(story["articles"][0]) + "\n", encoding="utf-8")
    assert not holds_stories(articles_file) and not holds_stories(tmp_path / "missing.jsonl")
    # Line for line (a blank line is a story without articles), as references are matched.
    assert [[a.source for a in arts] for arts in iter_multinews(path)] == [[], ["APW", "NYT"]]
