"""The learned selector: labels, training rows, `newsfuse train`, and the shipped model in the pipeline."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.evaluate import rouge
from newsfuse.learn import RougeTokens, greedy_oracle, sentence_gains
from newsfuse.learn.dataset import LABEL_NAMES, build_dataset, story_rows
from newsfuse.pipeline import Pipeline
from newsfuse.select import LearnedSelector, MMRSelector
from newsfuse.select.features import FEATURE_NAMES, candidate_ranks, fact_matrix
from newsfuse.select.learned import default_model_path, load_model
from newsfuse.select.probe import ContentProbe, load_probe, probe_path
from newsfuse.types import Article


def test_rouge_tokens_match_rouge_score():
    from rouge_score.tokenizers import DefaultTokenizer

    text = "Officials were meeting in Beijing's hotels on Tuesday, 28,500 troops — said the AP."
    assert RougeTokens()(text) == DefaultTokenizer(use_stemmer=True).tokenize(text)


def test_sentence_gains_agree_with_rouge_recall():
    reference = "Kim Jong Un left Beijing on Wednesday after a two-day visit."
    sentences = ["Kim left Beijing on Wednesday.", "The weather was fine."]
    gains = sentence_gains(sentences, reference)
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    for k, s in enumerate(sentences):
        sc = scorer.score(reference, s)
        assert gains[k, 0] == pytest.approx(sc["rouge1"].precision, abs=1e-6)
        assert gains[k, 1] == pytest.approx(sc["rouge2"].precision, abs=1e-6)
        assert gains[k, 2] == pytest.approx(sc["rouge1"].recall, abs=1e-6)
        assert gains[k, 3] == pytest.approx(sc["rouge2"].recall, abs=1e-6)


def test_greedy_oracle_respects_budget_and_beats_any_single_sentence():
    sentences = [
        "Kim Jong Un left Beijing on Wednesday.",
        "He met Xi Jinping for talks on trade.",
        "Stocks rose in Tokyo.",
        "The visit lasted two days.",
    ]
    reference = "Kim Jong Un left Beijing on Wednesday after two days of talks with Xi Jinping."
    chosen = greedy_oracle(sentences, reference, words=16)
    assert sum(len(sentences[k].split()) for k in chosen) <= 16
    assert 2 not in chosen
    best_single = max(rouge([s], [reference])["rouge1"] for s in sentences)
    assert rouge([sentences[k] for k in chosen], [reference])["rouge1"] > best_single


def test_story_rows_shape_and_labels(data_dir):
    from newsfuse.inputs import iter_lines

    src, tgt = next(iter_lines(data_dir / "val.src")), next(iter_lines(data_dir / "val.tgt"))
    X, y, vectors, space = story_rows(src, tgt, 250)
    assert X.shape[1] == len(FEATURE_NAMES) and y.shape == (len(X), len(LABEL_NAMES))
    assert vectors.shape == (len(X), 256) and space == "wordllama-256"
    assert not X[:, FEATURE_NAMES.index("content")].any()  # filled by fit_probe, out of fold
    assert np.isfinite(X).all() and ((y >= 0) & (y <= 1)).all()
    assert y[:, LABEL_NAMES.index("oracle")].sum() >= 1
    assert story_rows("", tgt, 250) is None


def test_story_rows_hold_every_facts_other_wordings(data_dir):
    """After one row per fact come the other members of multi-outlet facts, labelled like any sentence."""
    from newsfuse.inputs import iter_lines, parse_multinews_line
    from newsfuse.select.learned import wording_alternatives

    p = Pipeline()
    lines = zip(iter_lines(data_dir / "val-full250.src"), iter_lines(data_dir / "val-full250.tgt"), strict=False)
    for pair in lines:  # the first story whose outlets share a few facts
        story = p.analyse(parse_multinews_line(pair[0]))
        reps = p.realizer.realize(story)
        facts, sentences = wording_alternatives(story, reps)
        if len(facts) >= 3:
            break
    src, tgt = pair
    X, y, _, _ = story_rows(src, tgt, 250)
    n = len(story.facts)
    assert len(facts) >= 3 and len(X) == n + len(facts)
    content = FEATURE_NAMES.index("content")
    assert np.array_equal(np.delete(X[:n], content, 1), np.delete(fact_matrix(story, reps), content, 1))
    swapped = list(reps)
    swapped[facts[0]] = sentences[0]
    assert np.array_equal(np.delete(X[n], content), np.delete(fact_matrix(story, swapped)[facts[0]], content))
    gains = sentence_gains([story.sentences[i].text for i in sentences], tgt.replace("NEWLINE_CHAR", " ").strip())
    assert np.allclose(y[n:, :4], gains)
    assert not y[n:, LABEL_NAMES.index("oracle")].any()  # the oracle summary is over representatives


def test_feature_matrix_of_the_example(example_dir):
    from newsfuse.inputs import read_articles

    articles, _ = read_articles([str(example_dir)])
    p = Pipeline()
    story = p.analyse(articles)
    X = fact_matrix(story, p.realizer.realize(story))
    support = X[:, FEATURE_NAMES.index("support")]
    assert X.shape == (len(story.facts), len(FEATURE_NAMES))
    assert support.max() >= 2 and support.min() >= 1
    assert np.isfinite(X).all()


def test_train_cli_writes_a_model_the_selector_loads(cli, data_dir, tmp_path):
    out = tmp_path / "model.txt"
    done = cli(
        "train", "--src", str(data_dir / "val.src"), "--tgt", str(data_dir / "val.tgt"),
        "--stories", "40", "--rounds", "20", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.is_file() and "model written" in done.stdout
    assert load_model(str(out)).feature_names == FEATURE_NAMES
    # Same seed, same data: the same model.
    again = tmp_path / "again.txt"
    cli(
        "train", "--src", str(data_dir / "val.src"), "--tgt", str(data_dir / "val.tgt"),
        "--stories", "40", "--rounds", "20", "--out", str(again),
    )  # fmt: skip
    assert _trees(out) == _trees(again)
    # The content probe is written beside the model, and the selector reads it.
    assert probe_path(out).read_text() == probe_path(again).read_text()
    assert LearnedSelector(model_path=str(out)).probe().space == "wordllama-256"


def _trees(path):
    text = path.read_text()
    return text[text.index("Tree=0") : text.index("end of trees")]


def test_train_cli_missing_file_is_one_line(cli, tmp_path):
    done = cli("train", "--src", str(tmp_path / "nope.src"), "--tgt", str(tmp_path / "nope.tgt"))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no such file" in done.stderr


def test_build_dataset_is_seeded(data_dir):
    a = build_dataset(data_dir / "val.src", data_dir / "val.tgt", stories=12, seed=3, workers=1)
    b = build_dataset(data_dir / "val.src", data_dir / "val.tgt", stories=12, seed=3, workers=1)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y) and len(a.groups) == 12


def test_shipped_model_loads_and_is_small():
    path = default_model_path()
    assert path.is_file(), "the selector model must ship inside the package"
    assert path.stat().st_size < 5_000_000
    assert load_model(str(path)).feature_names == FEATURE_NAMES
    probe = load_probe(str(path))
    assert probe.space == "wordllama-256" and probe.weights.shape == (256,)
    assert probe_path(path).stat().st_size < 100_000


def test_numpy_trees_score_like_lightgbm(example_dir):
    """The shipped model read by TreeEnsemble gives LightGBM's own predictions."""
    lgb = pytest.importorskip("lightgbm")
    from newsfuse.inputs import read_articles

    path = str(default_model_path())
    articles, _ = read_articles([str(example_dir)])
    p = Pipeline()
    story = p.analyse(articles)
    noise = np.random.default_rng(0).random((500, len(FEATURE_NAMES))) * 30
    X = np.vstack([LearnedSelector().features(story, p.realizer.realize(story)), noise])
    expected = lgb.Booster(model_file=path).predict(X)
    assert np.allclose(load_model(path).predict(X), expected, rtol=0, atol=1e-9)


def test_bit_vector_scoring_equals_walking_every_tree():
    """QuickScorer's leaf masks reach the same leaves as walking the trees, ties at thresholds included."""
    model = load_model(str(default_model_path()))
    rng = np.random.default_rng(1)
    X = rng.random((400, len(model.feature_names))) * 30
    # Rows whose values sit exactly on split thresholds: the "<=" side must win, as in LightGBM.
    on_threshold = X[:200].copy()
    for row in on_threshold:
        t, node = rng.integers(model.feature.shape[0]), rng.integers(model.feature.shape[1])
        row[model.feature[t, node]] = model.threshold[t, node]
    X = np.vstack([X, on_threshold])
    assert model.false_mask is not None
    assert np.array_equal(model.predict(X), model._walk(X))


def test_float32_rows_score_as_their_double_values():
    """float32 rows compare with float32 thresholds: the same leaves as in double, at the edges too."""
    model = load_model(str(default_model_path()))
    rng = np.random.default_rng(2)
    X = (rng.random((300, len(model.feature_names))) * 30).astype(np.float32)
    # Every split's threshold rounded to float32, and the float32 values just below and above it.
    edges = X[:1].repeat(3 * model.feature.size, axis=0)
    for k, (f, t) in enumerate(zip(model.feature.ravel(), model.threshold.ravel(), strict=True)):
        near = np.float32(t)
        edges[3 * k : 3 * k + 3, f] = [np.nextafter(near, np.float32(-1e9)), near, np.nextafter(near, np.float32(1e9))]
    X = np.vstack([X, edges])
    assert np.array_equal(model.predict(X), model.predict(X.astype(np.float64)))
    assert np.array_equal(model.predict(X), model._walk(X.astype(np.float64)))


def test_a_bad_model_file_is_one_clear_error(tmp_path):
    from newsfuse.errors import InputError

    bad = tmp_path / "model.txt"
    bad.write_text("not a model\n")
    with pytest.raises(InputError, match="feature_names"):
        LearnedSelector(model_path=str(bad)).select(_tiny_story(), [0], 10)


def _tiny_story():
    from newsfuse.types import Article

    return Pipeline(selector=MMRSelector()).analyse([Article("a", "Kim left Beijing on Wednesday after talks.")])


def test_learned_selector_is_the_default_and_cites(example_dir):
    from newsfuse.inputs import read_articles

    assert isinstance(Pipeline().selector, LearnedSelector)
    articles, _ = read_articles([str(example_dir)])
    story = Pipeline().summarize(articles, 120)
    assert 0 < story.words <= 120
    texts = {a.id: a.text for a in articles}
    for s in story.sentences:
        c = s.citations[0]
        assert texts[c.source][c.start : c.end] == s.text


def test_learned_selector_beats_the_unsupervised_one_on_a_validation_slice(data_dir):
    """A quality check on 40 stories the model never saw (val.src, after the tuning slice)."""
    from newsfuse.evaluate import reference_sentences
    from newsfuse.inputs import iter_lines, parse_multinews_line

    p = Pipeline()
    totals = np.zeros(2)
    lines = zip(iter_lines(data_dir / "val.src"), iter_lines(data_dir / "val.tgt"), strict=False)
    for k, (src, tgt) in enumerate(lines):
        if k < 1000:
            continue
        if k >= 1040:
            break
        story = p.analyse(parse_multinews_line(src))
        ref = reference_sentences(tgt)
        for j, selector in enumerate((LearnedSelector(), MMRSelector())):
            p.selector = selector
            totals[j] += rouge([s.text for s in p.summarize_analysis(story, 250).sentences], ref)["rouge2"]
    assert totals[0] > totals[1]


def test_default_install_needs_no_lightgbm(example_dir, tmp_path):
    """Summaries score with the numpy trees; only `newsfuse train` asks for LightGBM, in one line."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['lightgbm'] = None\n"
        "from newsfuse import summarize\n"
        f"assert summarize([{str(example_dir)!r}], words=60).sentences\n"
        "from newsfuse.cli import main\n"
        f"sys.exit(main(['train', '--src', {str(example_dir / '000.txt')!r}, '--tgt', {str(example_dir / '002.txt')!r},"
        f" '--out', {str(tmp_path / 'm.txt')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().count("\n") == 0 and 'pip install "newsfuse[train]"' in done.stderr
    assert not (tmp_path / "m.txt").exists()


def test_shipped_model_records_its_training_ranges():
    model = load_model(str(default_model_path()))
    assert model.training_range("earliest") == (0.0, 30.0)
    assert model.training_range("no such feature") is None


def _long_story() -> tuple[Pipeline, object, list[int]]:
    """One long article (45 distinct sentences, on distinct subjects) and a short second outlet."""
    subjects = [
        f"{name} {kind}"
        for name in ("Lima", "Oslo", "Cairo", "Perth", "Quito")
        for kind in ("port", "mill", "bank", "zoo", "mine", "dam", "fair", "farm", "school")
    ]
    long_text = " ".join(
        f"The {s} reported {k + 3} new cases of a rare fever on day {k + 1} of the outbreak."
        for k, s in enumerate(subjects)
    )
    short_text = "Officials in Lima confirmed the port had reported cases of a rare fever."
    p = Pipeline()
    story = p.analyse([Article("long", long_text), Article("short", short_text)])
    return p, story, p.realizer.realize(story)


def test_facts_beyond_the_trained_ranks_are_marked():
    _, story, reps = _long_story()
    unseen = LearnedSelector().unseen_positions(fact_matrix(story, reps))
    rank = candidate_ranks(story)
    ranks = np.array([min(rank[i] for i in fact.members) for fact in story.facts])
    assert len(story.facts) >= 40 and ranks.max() >= 40  # the story reaches far beyond rank 30
    assert np.array_equal(unseen.astype(bool), ranks > 29)
    assert unseen.sum() >= 10


def test_known_positions_go_first_but_unseen_ones_still_fill_the_budget():
    _, story, reps = _long_story()
    unseen = LearnedSelector().unseen_positions(fact_matrix(story, reps)).astype(bool)
    seen_words = sum(story.sentences[reps[f]].n_words for f in range(len(story.facts)) if not unseen[f])
    # A budget that in-range facts can fill: none of the unseen ones is taken.
    small = LearnedSelector().select(story, reps, 60)
    assert small and not any(unseen[f] for f in small)
    # A budget larger than all in-range facts together: unseen facts fill the rest.  The sentences are one
    # template ("The Oslo zoo reported 9 new cases…"): the redundancy controls, which would keep most out, are off.
    large = LearnedSelector(max_overlap=1.01, repeats=False).select(story, reps, seen_words + 200)
    assert any(unseen[f] for f in large)
    assert sum(story.sentences[reps[f]].n_words for f in large) <= seen_words + 200


def test_content_feature_reads_the_embedding_and_is_neutral_elsewhere(example_dir):
    from newsfuse.embed import TfidfEmbedder
    from newsfuse.inputs import read_articles

    articles, _ = read_articles([str(example_dir)])
    probe = load_probe(str(default_model_path()))
    content = FEATURE_NAMES.index("content")
    p = Pipeline()
    story = p.analyse(articles)
    reps = p.realizer.realize(story)
    X = LearnedSelector().features(story, reps)
    row_of = {i: r for r, i in enumerate(story.rows)}
    expected = story.vectors[[row_of[i] for i in reps]] @ probe.weights + probe.bias
    assert np.allclose(X[:, content], expected, atol=1e-5) and np.ptp(X[:, content]) > 0
    assert not fact_matrix(story, reps)[:, content].any()  # no probe given: 0, as in training rows
    # Another vector space: the probe's training mean, the same for every fact.
    lexical = Pipeline(embedder=TfidfEmbedder())
    story = lexical.analyse(articles)
    X = LearnedSelector().features(story, lexical.realizer.realize(story))
    assert story.vectors is None and np.allclose(X[:, content], probe.mean)


def test_probe_file_round_trip_and_bad_file(tmp_path):
    from newsfuse.errors import InputError

    rng = np.random.default_rng(1)
    E = rng.normal(size=(50, 8)).astype(np.float32)
    probe = ContentProbe.fit(E, E @ np.arange(8.0), space="toy-8")
    again = ContentProbe.from_text(probe.to_text())
    assert again.space == "toy-8" and np.array_equal(again.weights, probe.weights) and again.bias == probe.bias
    model = tmp_path / "m.txt"
    probe_path(model).write_text("space toy\nweights x y\n")
    with pytest.raises(InputError, match="not a content probe file"):
        load_probe(str(model))


def test_fit_probe_fills_content_out_of_fold(data_dir):
    from newsfuse.learn.fit import fit_probe, target

    data = build_dataset(data_dir / "val.src", data_dir / "val.tgt", stories=12, seed=3, workers=1)
    probe = fit_probe(data)
    half = np.repeat(np.arange(len(data.groups)) % 2, data.groups)
    vectors = data.vectors.astype(np.float32)
    other = ContentProbe.fit(vectors[half == 1], target(data)[half == 1], data.space)
    column = data.X[:, FEATURE_NAMES.index("content")]
    assert np.allclose(column[half == 0], other.score(vectors[half == 0], data.space), atol=1e-6)
    # Out of fold: not the scores of the probe fitted on every row (which ships).
    assert not np.allclose(column, probe.score(vectors, data.space), atol=1e-3)


@pytest.fixture(scope="module")
def multi_outlet_stories(data_dir, example_dir):
    """The shipped example and 10 full-length validation stories, analysed: many facts several outlets state."""
    from newsfuse.inputs import iter_lines, parse_multinews_line, read_articles

    p = Pipeline()
    stories = [p.analyse(read_articles([str(example_dir)])[0])]
    for k, line in enumerate(iter_lines(data_dir / "val-full250.src")):
        if k >= 10:
            break
        stories.append(p.analyse(parse_multinews_line(line)))
    return p, stories


def test_pair_rows_equal_fact_rows_with_that_member_swapped_in(multi_outlet_stories):
    from newsfuse.select.features import pair_matrix

    p, stories = multi_outlet_stories
    probe = LearnedSelector().probe()
    content = FEATURE_NAMES.index("content")
    checked = 0
    for story in stories:
        reps = p.realizer.realize(story)
        pairs = [(f, i) for f, fact in enumerate(story.facts) for i in fact.members if i != reps[f]]
        if not pairs:
            continue
        X = pair_matrix(story, np.array([f for f, _ in pairs]), [i for _, i in pairs], reps, probe)
        assert X.shape == (len(pairs), len(FEATURE_NAMES))
        for row, (f, i) in zip(X, pairs, strict=True):
            swapped = list(reps)
            swapped[f] = i
            want = fact_matrix(story, swapped, probe)[f]
            other = np.arange(len(FEATURE_NAMES)) != content
            assert np.array_equal(row[other], want[other]), (f, i)
            assert row[content] == pytest.approx(want[content], rel=1e-5)  # one matmul vs another
            checked += 1
    assert checked >= 20


def test_choose_words_each_fact_with_its_best_scored_member(multi_outlet_stories):
    p, stories = multi_outlet_stories
    sel = LearnedSelector()
    reworded = 0
    for story in stories:
        reps = p.realizer.realize(story)
        facts, chosen_reps = sel.choose(story, reps, 250)
        # Without wording: select's facts and the representatives given.
        assert LearnedSelector(wording=False).choose(story, reps, 250) == (sel.select(story, reps, 250), reps)
        assert 0 < sum(story.sentences[chosen_reps[f]].n_words for f in facts) <= 250
        scores = sel.scores(story, reps)
        for f, (old, new) in enumerate(zip(reps, chosen_reps, strict=True)):
            assert new in story.facts[f].members
            if new == old:
                continue
            reworded += 1
            # The new wording outscores the old one (the fact scored with it, the others unchanged).
            swapped = list(reps)
            swapped[f] = new
            assert sel.scores(story, swapped)[f] > scores[f]
            # Never a near-copy's sentence in place of an original's.
            assert story.sentences[new].doc not in story.copies or story.sentences[old].doc in story.copies
            # Never a sentence the selection would skip as too short in place of one it would not.
            assert story.sentences[new].n_words >= sel.min_words or story.sentences[old].n_words < sel.min_words
    assert reworded >= 5


def test_pipeline_states_the_reworded_fact_and_still_cites_every_outlet(multi_outlet_stories):
    p, stories = multi_outlet_stories
    found = False
    for story in stories:
        summary = p.summarize_analysis(story, 250)
        reps = p.realizer.realize(story)
        ordered = p.orderer.order(story, list(story.wording))  # the facts the summary states, in its order
        assert len(ordered) == len(summary.sentences)
        for s, f in zip(summary.sentences, ordered, strict=True):
            fact = story.facts[f]
            assert len(s.citations) == len(fact.members) and s.support == fact.support
            # The first citation spans what states the fact: its wording's unit (or the part of it that
            # continues the unit before), from the first sentence's start to the last one's end.
            lo, hi = story.stated.get(f) or story.unit(story.wording[f])
            assert (s.citations[0].start, s.citations[0].end) == (story.sentences[lo].start, story.sentences[hi].end)
            assert lo <= story.wording[f] <= hi
            found |= story.wording[f] != reps[f]
    assert found  # at least one summary sentence is worded by another outlet than the realizer's pick
