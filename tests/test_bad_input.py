"""Bad input: a summary where one makes sense, else one clear line on stderr and exit 2. Never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SENTENCES = [
    "The city council approved the new budget on Monday after a long debate.",
    "Officials said the plan raises spending on schools by 4 percent.",
    "Critics argued that the budget ignores rising housing costs in the region.",
    "The mayor is expected to sign the budget into law later this week.",
    "Residents packed the hall to speak for and against the proposal.",
]


def article(i: int) -> str:
    rot = SENTENCES[i % 5 :] + SENTENCES[: i % 5]
    return f"Story number {i} reports on the council.\n\n" + " ".join(rot) + f" Reporter {i} contributed.\n"


def assert_clean_error(proc, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("newsfuse: error:")
    for n in needles:
        assert n in lines[0]


def assert_summary(proc) -> dict:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    texts = {s["id"]: s["text"] for s in data["sources"]}
    for s in data["sentences"]:
        for c in s["citations"]:
            assert texts[c["source"]][c["start"] : c["end"]].strip()
    return data


def test_missing_path(cli, tmp_path):
    assert_clean_error(cli("summarize", str(tmp_path / "nope.txt")), "no such file")


def test_empty_folder(cli, tmp_path):
    assert_clean_error(cli("summarize", str(tmp_path)), "no .txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_or_whitespace_file(cli, tmp_path, content):
    f = tmp_path / "a.txt"
    f.write_bytes(content)
    assert_clean_error(cli("summarize", str(f)), "empty")


def test_binary_file(cli, tmp_path):
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_clean_error(cli("summarize", str(f)), "binary")


def test_binary_file_next_to_good_one_is_skipped_with_warning(cli, tmp_path):
    (tmp_path / "a.txt").write_text(article(1))
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    proc = cli("summarize", str(tmp_path), "-f", "json")
    data = assert_summary(proc)
    assert len(data["sources"]) == 1
    assert "binary" in proc.stderr


def test_latin1_file(cli, tmp_path):
    f = tmp_path / "a.txt"
    text = "Le maire a approuvé le budget de la ville lundi soir. " * 3 + "Les écoles recevront plus d'argent."
    f.write_bytes(text.encode("latin-1"))
    data = assert_summary(cli("summarize", str(f), "-f", "json"))
    assert "approuvé" in data["sources"][0]["text"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark(cli, tmp_path, encoding):
    # As Windows editors save "Unicode" text: its NUL bytes must not make it look binary.
    f = tmp_path / "a.txt"
    text = "\ufeff" + article(2) if encoding.endswith("-be") else article(2)  # utf-16/32 codecs add the mark
    f.write_bytes(text.encode(encoding))
    (tmp_path / "b.txt").write_text(article(4), encoding="utf-8")
    data = assert_summary(cli("summarize", str(f), str(tmp_path / "b.txt"), "-f", "json"))
    assert data["warnings"] == []
    assert any(s["support"] == 2 for s in data["sentences"])  # both read: the same facts line up


def test_utf16_batch_input_says_to_convert_it(cli, tmp_path):
    f = tmp_path / "part.src"
    f.write_text(multinews_line(1), encoding="utf-16")
    assert_clean_error(cli("summarize", "--input-format", "multinews", str(f)), "UTF-16 text", "iconv")
    garbage = tmp_path / "noise.src"
    garbage.write_bytes(b"\xff\xfe" + bytes(range(256)) * 8)  # a UTF-16 mark, then no text
    assert_clean_error(cli("summarize", "--input-format", "multinews", str(garbage)), "binary")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>', "RSS/Atom feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', "RSS/Atom feed"),
        ('<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>', "OPML list"),
    ],
)
def test_a_feed_given_to_summarize_points_to_ingest(cli, tmp_path, content, what):
    # A feed lists other pages, often of many stories: summarizing its XML as one article is wrong.
    feed = tmp_path / "news.xml"
    feed.write_text(content)
    assert_clean_error(cli("summarize", str(feed)), what, f"newsfuse ingest {feed}")
    assert_clean_error(cli("summarize", "-", stdin=content.encode()), what, "newsfuse ingest FILE")
    (tmp_path / "a.txt").write_text(article(1))
    proc = cli("summarize", str(feed), str(tmp_path / "a.txt"), "-f", "json")
    assert_summary(proc)
    assert what in proc.stderr and "skipped" in proc.stderr


def test_broken_utf8_file(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(
        article(2).encode()
        + "Zürich's café owners paid 5 € more; the résumé said so.\n".encode()
        + b"The caf\xc3 is closed.\n"
    )
    proc = cli("summarize", str(f), "-f", "json")
    data = assert_summary(proc)
    assert "\ufffd" in data["sources"][0]["text"] and "€" in data["sources"][0]["text"]
    assert "invalid UTF-8" in proc.stderr


def test_fifty_megabyte_file(cli, tmp_path):
    f = tmp_path / "huge.txt"
    block = " ".join(SENTENCES) + "\n"
    with f.open("w") as fh:
        for i in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block.replace("Monday", f"day {i}"))
    assert f.stat().st_size >= 50 * 1024 * 1024
    proc = cli("summarize", str(f), "-f", "jsonl")
    data = assert_summary(proc)
    assert data["sentences"]


def test_one_article_alone(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(article(0))
    data = assert_summary(cli("summarize", str(f), "-f", "json", "-w", "40"))
    assert data["sentences"] and all(s["support"] == 1 for s in data["sentences"])


def test_thousand_articles(cli, tmp_path):
    lines = [json.dumps({"id": f"a{i}", "text": article(i), "source": f"outlet{i % 37}"}) for i in range(1000)]
    f = tmp_path / "many.jsonl"
    f.write_text("\n".join(lines))
    data = assert_summary(cli("summarize", str(f), "-f", "json", "-w", "60"))
    assert len(data["sources"]) == 1000
    assert max(s["support"] for s in data["sentences"]) >= 2


def test_all_identical_articles(cli, tmp_path):
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(article(0))
    data = assert_summary(cli("summarize", str(tmp_path), "-f", "json", "-w", "200"))
    texts = [s["text"] for s in data["sentences"]]
    assert len(texts) == len(set(texts))  # the same fact is said once
    assert sum(len(t.split()) for t in texts) <= 200


def test_non_english_text(cli, tmp_path):
    (tmp_path / "de.txt").write_text(
        "Der Stadtrat hat am Montag den neuen Haushalt beschlossen. Die Schulen erhalten vier Prozent mehr Geld. "
        "Kritiker bemängeln die hohen Mieten in der Region."
    )
    (tmp_path / "zh.txt").write_text("市议会周一批准了新的预算。学校将获得更多资金。批评者认为预算忽视了住房成本。")
    data = assert_summary(cli("summarize", str(tmp_path), "-f", "json"))
    assert data["sentences"]


def test_chinese_articles_give_sentences_not_whole_texts(cli, tmp_path):
    # No spaces between words, full-width stops: split into sentences, a character counted as a word.
    zh = [
        "市议会周一批准了新的预算。学校将获得百分之四的额外资金。批评者认为预算忽视了不断上涨的住房成本。市长预计本周签署预算。",
        "周一，市议会批准了新预算。批评者说，预算忽视了住房成本。数百名居民出席了会议，表达支持或反对意见。",
    ]
    (tmp_path / "a.txt").write_text(zh[0])
    page = f"<html><head><title>市议会批准预算</title></head><body><article><p>{zh[1]}</p></article></body></html>"
    (tmp_path / "b.html").write_text(page)  # a Chinese page has article text (it has few spaces)
    data = assert_summary(cli("summarize", str(tmp_path), "-f", "json", "-w", "40"))
    texts = [s["text"] for s in data["sentences"]]
    assert len(texts) >= 2 and all(t.endswith("。") and t.count("。") == 1 for t in texts)
    assert 0 < data["words"] <= 40 + max(len(t) for t in texts)  # the budget counts characters
    assert {c["source"] for s in data["sentences"] for c in s["citations"]} == {"a", "b"}


def test_malformed_jsonl_reports_line_number(cli, tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": article(1)}) + "\n{not json\n")
    assert_clean_error(cli("summarize", str(f)), "a.jsonl:2")


def test_malformed_jsonl_can_be_skipped(cli, tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": article(1)}) + "\n{not json\n" + json.dumps({"text": article(2)}) + "\n")
    proc = cli("summarize", str(f), "--skip-invalid", "-f", "json")
    data = assert_summary(proc)
    assert len(data["sources"]) == 2
    assert "a.jsonl:2" in proc.stderr


def test_multinews_line_with_empty_article(cli, tmp_path):
    f = tmp_path / "s.src"
    f.write_text(
        article(1).replace("\n", " NEWLINE_CHAR ")
        + " story_separator_special_tag  story_separator_special_tag "
        + article(2).replace("\n", " ")
        + "\n"
        + "\n"
        + article(3).replace("\n", " ")
        + " ||||| "
        + article(4).replace("\n", " ")
        + "\n"
    )
    proc = cli("summarize", "--input-format", "multinews", str(f), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objs) == 3  # one object per input line, in order
    assert len(objs[0]["sources"]) == 2 and objs[0]["sentences"]
    assert objs[1]["sources"] == [] and objs[1]["sentences"] == [] and objs[1]["warnings"]
    assert "Story number 3" in objs[2]["sources"][0]["text"]


def test_stdin(cli):
    proc = cli("summarize", "-", "-f", "json", stdin=article(5).encode())
    data = assert_summary(proc)
    assert data["sources"][0]["id"] == "stdin"


def test_empty_stdin(cli):
    assert_clean_error(cli("summarize", "-", stdin=b""), "empty")


def test_hostile_html(cli, tmp_path):
    page = (
        "<html><head><title>Budget vote</title><script>alert('x')</script></head><body><article>"
        "<h1>Budget vote</h1>"
        + "".join(f"<p>{s}</p>" for s in SENTENCES)
        + "<img src=x onerror=alert(1)><a href='javascript:alert(1)'>click</a></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    data = assert_summary(cli("summarize", str(tmp_path / "page.html"), "-f", "json"))
    body = data["sources"][0]["text"]
    assert "<script" not in body and "onerror" not in body and "alert" not in body
    assert data["sentences"]


def test_html_without_article_text(cli, tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    assert_clean_error(cli("summarize", str(tmp_path / "empty.html")), "no article text")


def test_eval_with_missing_file(cli, tmp_path):
    assert_clean_error(cli("eval", "--src", str(tmp_path / "x.src"), "--tgt", str(tmp_path / "x.tgt")), "no such file")


def multinews_line(i: int) -> str:
    return article(i).replace("\n", " ") + " ||||| " + article(i + 1).replace("\n", " ") + "\n"


@pytest.mark.parametrize("name", ["photo.src", "photo.txt"])
def test_multinews_batch_rejects_a_binary_file(cli, tmp_path, name):
    # One story per line of random bytes would be summarized as garbage: say what is wrong instead.
    f = tmp_path / name
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert_clean_error(cli("summarize", "--input-format", "multinews", str(f)), "binary")


def test_multinews_batch_rejects_empty_input_but_not_an_empty_part(cli, tmp_path):
    empty, good = tmp_path / "a.src", tmp_path / "b.src"
    empty.write_bytes(b"")
    good.write_text(multinews_line(1) + multinews_line(3))
    assert_clean_error(cli("summarize", str(empty)), "empty")
    assert_clean_error(cli("summarize", str(empty), str(empty)), "empty")
    proc = cli("summarize", str(empty), str(good), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2  # the good part's two stories, nothing lost


def test_multinews_batch_rejects_a_broken_gzip_file(cli, tmp_path):
    f = tmp_path / "part.src.gz"
    f.write_bytes(b"this is not gzip")
    assert_clean_error(cli("summarize", "--input-format", "multinews", str(f)), "cannot be read")


def test_eval_rejects_a_binary_file(cli, tmp_path):
    src, tgt = tmp_path / "x.src", tmp_path / "x.tgt"
    src.write_text(multinews_line(1))
    tgt.write_bytes(bytes(range(256)) * 8)
    assert_clean_error(cli("eval", "--src", str(src), "--tgt", str(tgt)), "binary")


def test_bad_word_budget_is_a_usage_error(cli, example_dir):
    proc = cli("summarize", str(example_dir), "--words", "0")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_unused_path_object(tmp_path):
    # Path objects work through the Python API too.
    from newsfuse import summarize

    (tmp_path / "a.txt").write_text(article(3))
    assert summarize([Path(tmp_path / "a.txt")], words=30).sentences
