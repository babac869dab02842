"""Evaluation: ROUGE, reference splitting, the peer summarizers, evaluate() and its report."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from newsfuse.errors import InputError
from newsfuse.evaluate import (
    METHODS,
    METRICS,
    PEERS,
    evaluate,
    get_peer,
    lead,
    lexrank,
    reference_sentences,
    rouge,
    textrank,
    write_report,
)
from newsfuse.split import SyntokSplitter
from newsfuse.types import Article

# --- ROUGE ------------------------------------------------------------------------------------------------


def test_rouge_identical_is_100():
    text = ["Kim Jong Un left Beijing on Wednesday.", "He met Xi Jinping for talks on Tuesday."]
    scores = rouge(text, text)
    assert set(scores) == set(METRICS)
    for m in METRICS:
        assert scores[m] == pytest.approx(100.0)


def test_rouge_disjoint_and_empty_are_0():
    assert all(v == 0.0 for v in rouge(["Apples are red."], ["Kim left Beijing today."]).values())
    assert all(v == 0.0 for v in rouge([], ["Kim left Beijing today."]).values())


def test_rouge_known_values():
    scores = rouge(["the cat sat"], ["the cat sat on the mat"])
    assert scores["rouge1"] == pytest.approx(200 / 3, abs=0.01)  # P 3/3, R 3/6
    assert scores["rouge2"] == pytest.approx(400 / 7, abs=0.01)  # P 2/2, R 2/5
    assert round(rouge(["Kim left Beijing."], ["Kim left Beijing on Wednesday."])["rouge1"], 1) == 75.0


def test_rouge_uses_stemming_and_lsum_sentence_split():
    assert rouge(["The leaders talked."], ["The leader talks."])["rouge1"] == pytest.approx(100.0)
    # Lsum matches sentence by sentence: swapping sentence order keeps Lsum at 100, a joined line does not.
    a, b = "Kim left Beijing on Wednesday.", "Xi hosted a dinner for him."
    assert rouge([b, a], [a, b])["rougeLsum"] == pytest.approx(100.0)
    assert rouge([b + " " + a], [a + " " + b])["rougeLsum"] < 100.0


def test_reference_sentences():
    # A reference is split at NEWLINE_CHAR and real newlines (not re-split into sentences); blanks are dropped.
    ref = "– Kim left Beijing on Wednesday. He met Xi. NEWLINE_CHAR NEWLINE_CHAR Trade talks continued, officials said."
    assert reference_sentences(ref) == [
        "– Kim left Beijing on Wednesday. He met Xi.",
        "Trade talks continued, officials said.",
    ]
    assert reference_sentences("One line.\n\n  Two line.  \nThree.") == ["One line.", "Two line.", "Three."]
    assert reference_sentences("") == []
    assert reference_sentences(" NEWLINE_CHAR ") == []


# --- peers -----------------------------------------------------------------------------------------------

ARTICLES = [
    Article(
        "a",
        "A strong earthquake struck the coastal city of Valdora on Monday, killing at least twelve people. "
        "Rescue teams searched collapsed buildings in the old town throughout the day. "
        "The mayor said schools would remain closed for the rest of the week.\n\n"
        "The region last suffered a major earthquake in 1987.",
    ),
    Article(
        "b",
        "At least twelve people died when an earthquake hit Valdora on Monday. "
        "Hospitals asked residents to donate blood for the injured. "
        "The quake was felt as far away as the capital, witnesses said.",
    ),
    Article(
        "c",
        "A powerful earthquake killed twelve people in Valdora, officials said on Monday. "
        "Aftershocks continued into the evening and many residents slept outdoors. "
        "Engineers will inspect the harbour bridge on Tuesday.",
    ),
]


def source_sentences(articles):
    return [s.text for d, a in enumerate(articles) for s in SyntokSplitter().split(a, d)]


def n_words(summary):
    return sum(len(s.split()) for s in summary)


@pytest.mark.parametrize("name", PEERS)
@pytest.mark.parametrize("words", [5, 14, 30, 60, 1000])
def test_peers_respect_budget_and_return_source_sentences(name, words):
    summary = get_peer(name)(ARTICLES, words)
    assert n_words(summary) <= words
    sources = source_sentences(ARTICLES)
    assert all(s in sources for s in summary)
    assert len(summary) == len(set(summary))
    if words >= 30:
        assert summary
    if words == 1000:
        assert sorted(summary) == sorted(sources)  # everything fits


def test_lead_is_round_robin():
    sents = [[s.text for s in SyntokSplitter().split(a, d)] for d, a in enumerate(ARTICLES)]
    assert lead(ARTICLES, 1000)[:4] == [sents[0][0], sents[1][0], sents[2][0], sents[0][1]]
    # A sentence that does not fit is skipped and a later shorter one may still fit.
    summary = lead(ARTICLES, 40)
    assert summary[0] == sents[0][0]
    assert n_words(summary) <= 40


@pytest.mark.parametrize("peer", [lexrank, textrank])
def test_sumy_peers_keep_document_order(peer):
    order = source_sentences(ARTICLES)
    summary = peer(ARTICLES, 40)
    assert len(summary) >= 2
    positions = [order.index(s) for s in summary]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", PEERS)
def test_peers_on_empty_input(name):
    assert get_peer(name)([], 100) == []
    assert get_peer(name)([Article("a", "   ")], 100) == []


# --- evaluate() and reports ------------------------------------------------------------------------------


def test_evaluate_on_real_data(data_dir, tmp_path):
    report = evaluate(data_dir / "val-full250.src", data_dir / "val-full250.tgt", limit=3, workers=1)
    assert report.stories == 3
    data = report.to_dict()
    assert list(data["methods"]) == list(METHODS) == ["newsfuse", "lead", "lexrank", "textrank"]
    for name, r in data["methods"].items():
        for m in METRICS:
            assert 0 < r[m] < 100, (name, m, r[m])
        assert r["rouge1"] > r["rouge2"]
        assert 0 < r["mean_words"] <= 250
    md, js = write_report(report, tmp_path / "out")
    assert json.loads(js.read_text()) == data
    assert "| newsfuse |" in md.read_text()


SRC_LINES = [
    " story_separator_special_tag ".join(a.text.replace("\n", " NEWLINE_CHAR ") for a in ARTICLES),
    "The council approved the budget on Monday. ||||| The city budget was approved by the council on Monday night.",
    "Heavy rain flooded the streets of the old town. ||||| Streets in the old town were flooded by heavy rain.",
]
TGT_LINES = [
    "– An earthquake killed twelve people in Valdora on Monday. Rescue teams searched buildings.",
    "– The council approved the budget on Monday.",
    "– Heavy rain flooded the old town.",
]


@pytest.fixture()
def small_files(tmp_path):
    src, tgt = tmp_path / "s.src", tmp_path / "s.tgt"
    src.write_text("\n".join(SRC_LINES) + "\n")
    tgt.write_text("\n".join(TGT_LINES) + "\n")
    return src, tgt


def test_evaluate_small_files_skip_limit_and_methods(small_files):
    src, tgt = small_files
    full = evaluate(src, tgt, words=20, methods=["lead", "newsfuse"])
    assert full.stories == 3
    assert list(full.methods) == ["lead", "newsfuse"]
    assert full.to_dict()["methods"]["lead"]["mean_words"] <= 20
    part = evaluate(src, tgt, words=20, methods=["lead"], skip=1, limit=1)
    assert part.stories == 1
    one = rouge(lead([Article("0", t) for t in SRC_LINES[1].split(" ||||| ")], 20), reference_sentences(TGT_LINES[1]))
    assert part.to_dict()["methods"]["lead"]["rouge1"] == pytest.approx(round(one["rouge1"], 2))


def test_evaluate_reports_progress(small_files):
    seen = []
    evaluate(*small_files, methods=["lead"], on_story=seen.append)
    assert seen == [1, 2, 3]


def test_evaluate_in_worker_processes_matches_serial(small_files):
    serial = evaluate(*small_files, words=25, methods=["lead", "textrank"], workers=1).to_dict()
    parallel = evaluate(*small_files, words=25, methods=["lead", "textrank"], workers=2).to_dict()
    for name in ("lead", "textrank"):
        for m in METRICS:
            assert parallel["methods"][name][m] == serial["methods"][name][m]


def test_evaluate_errors(small_files, tmp_path):
    src, tgt = small_files
    with pytest.raises(InputError, match="unknown method"):
        evaluate(src, tgt, methods=["lead", "gpt"])
    with pytest.raises(InputError, match="at least 1"):
        evaluate(src, tgt, words=0)
    short = tmp_path / "short.tgt"
    short.write_text(TGT_LINES[0] + "\n")
    with pytest.raises(InputError, match="fewer lines"):
        evaluate(src, short, methods=["lead"])
    with pytest.raises(InputError, match="no stories"):
        evaluate(src, tgt, methods=["lead"], skip=10)
    with pytest.raises(InputError, match="no such file"):
        evaluate(tmp_path / "missing.src", tgt)


def test_write_report(small_files, tmp_path):
    report = evaluate(*small_files, words=20, methods=["newsfuse", "lead"])
    md, js = write_report(report, tmp_path / "a" / "b")
    assert md == tmp_path / "a" / "b" / "report.md" and js == tmp_path / "a" / "b" / "report.json"
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["stories"] == 3 and data["words"] == 20
    assert set(data["methods"]) == {"newsfuse", "lead"}
    for r in data["methods"].values():
        assert set(r) == {*METRICS, "mean_words", "seconds", "stories_per_s"}
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# newsfuse eval: s.src")
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| method")]
    assert [row.split(" | ")[0] for row in rows] == ["| newsfuse", "| lead"]
    assert f"{data['methods']['lead']['rouge1']:.2f}" in rows[1]


def test_several_references_and_recall(small_files, tmp_path):
    """DUC's convention: each story against each of its references, recall, averaged over them."""
    src, tgt = small_files
    other = tmp_path / "other.tgt"
    other.write_text("– Twelve died in Valdora.\n– A budget passed.\n– Rain flooded the town.\n")
    both = evaluate(src, [tgt, other], words=20, methods=["lead"], measure="recall").to_dict()
    assert both["measure"] == "recall"
    alone = [evaluate(src, t, words=20, methods=["lead"], measure="recall").to_dict() for t in (tgt, other)]
    for m in METRICS:
        mean = (alone[0]["methods"]["lead"][m] + alone[1]["methods"]["lead"][m]) / 2
        assert both["methods"]["lead"][m] == pytest.approx(mean, abs=0.02)
    f1 = evaluate(src, tgt, words=20, methods=["lead"]).to_dict()["methods"]["lead"]["rouge1"]
    assert f1 != alone[0]["methods"]["lead"]["rouge1"]  # recall is not F1
    with pytest.raises(InputError, match="unknown measure"):
        evaluate(src, tgt, methods=["lead"], measure="bleu")


def test_eval_cli_duc_convention(cli, tmp_path):
    duc = ROOT.parent / "shared" / "data" / "duc2004-dev"
    if not (duc / "dev.src").exists():
        pytest.skip(f"DUC dev data not found at {duc}")
    src = tmp_path / "two.src"
    src.write_text("".join((duc / "dev.src").read_text().splitlines(keepends=True)[:2]))
    tgts = []
    for k in range(4):
        t = tmp_path / f"two.tgt.{k}"
        t.write_text("".join((duc / f"dev.tgt.{k}").read_text().splitlines(keepends=True)[:2]))
        tgts += ["--tgt", str(t)]
    out = tmp_path / "report"
    r = cli(
        "eval",
        "--src",
        str(src),
        *tgts,
        "--words",
        "100",
        "--measure",
        "recall",
        "--methods",
        "newsfuse,lead",
        "--workers",
        "1",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["stories"] == 2 and report["measure"] == "recall"
    assert report["methods"]["newsfuse"]["mean_words"] <= 100
    assert "recall" in r.stdout and "averaged over the references" in r.stdout
