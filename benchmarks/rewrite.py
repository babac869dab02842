"""The guarded rewrite on Multi-News stories: guard acceptance, ROUGE against the extractive summary,
an independent check for unsupported numbers and names, and seconds per story.

    nice -n 10 env PYTHONPATH=src python3 benchmarks/rewrite.py --limit 50 --json rewrite.json

For each story: the extractive summary at ``--words`` (the pipeline's default selection), then its
rewrite by the model (default: the SmolLM2-135M-Instruct GGUF of the llm extra; ``--llm-model PATH``
for another GGUF file, ``--llm-url`` for a server).  Reported:

* acceptance: the model's sentences that passed the guard / all it wrote; the share of facts restated
  by an accepted sentence; the guard's reasons for rejecting, by kind; how the fact tags were found.
* ROUGE-1/2/Lsum F1 x100 against the human reference of the rewrite (cut to ``--words`` words) and
  of the extractive summary, side by side; and ROUGE of the rewrite against the extractive summary
  (how much of it the rewrite kept).
* the independent check (:func:`unsupported`, written apart from the guard and using none of its code):
  every number (digits or number words, with magnitude words, commas removed) and every capitalised
  word of each output sentence must occur in the sentences its citations point at (or, for a
  capitalised word, in their outlets' names; acronyms match the initials of a capitalised run).
* seconds per story: the extractive summary and the rewrite, measured in this one process.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multinews"

# ---- the independent check: no newsfuse code, only the story's JSON -------------------------------------

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUM = re.compile(
    r"(\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(_WORDS) + r")(?:-(?:" + "|".join(_WORDS) + r"))?\b)"
    r"(?:\s+(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_FUNCTION = frozenset(
    re.findall(
        r"\w+",
        "a an the this that these those it its he she they we i you his her their our my your there here in on at "
        "to for from by with and or but as of after before when while if since during meanwhile however also "
        "according some many most all both each another other one two three four five six seven eight nine ten "
        "what who which where why how no not never yes",
    )
)


def _values(text: str) -> set[float]:
    out = set()
    for m in _NUM.finditer(text):
        raw = m.group(1).lower()
        if raw[0].isdigit():
            try:
                value = float(raw.replace(",", "").rstrip("."))
            except ValueError:
                continue
        else:
            value = float(sum(_WORDS.get(p, 0) for p in raw.split("-")))
        if m.group(2):
            out.add(value)  # "4.5 million" also states 4.5
            value *= _SCALE[m.group(2).lower()]
        out.add(round(value, 6))
    return out


def _caps(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"\b[A-Z][\w.’'-]*", text)]


def _initials(text: str) -> set[str]:
    """Initials of every run of capitalised words ("United States" -> "us"), and acronyms as letters."""
    out = set()
    run: list[str] = []
    for tok in [*re.findall(r"[\w.’'-]+", text), ""]:
        if tok[:1].isupper():
            run.append(tok)
            letters = re.sub(r"[^a-z]", "", tok.lower())
            if tok.replace(".", "").isupper() and len(letters) >= 2:
                out.add(letters)
            continue
        for i in range(len(run)):
            for j in range(i + 2, len(run) + 1):
                out.add("".join(w[0].lower() for w in run[i:j]))
        run = []
    return out


def _outlet(source: dict[str, Any], n: int) -> str:
    if source.get("source"):
        return str(source["source"]).strip()
    host = re.sub(r"^https?://(www\.)?", "", source.get("url") or "").split("/")[0]
    return host or f"Source {n}"


def unsupported(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Numbers and capitalised words of output sentences that their cited source sentences do not contain."""
    sources = {s["id"]: (k + 1, s) for k, s in enumerate(story["sources"])}
    found = []
    for sentence in story["sentences"]:
        cited = [sources[c["source"]] for c in sentence["citations"]]
        spans = [s["text"][c["start"] : c["end"]] for c, (_, s) in zip(sentence["citations"], cited, strict=True)]
        outlets = [_outlet(s, n) for n, s in cited]
        text = sentence["text"]
        for outlet in outlets:  # an attributed version: "<outlet> reports: <its sentence>"
            if text.startswith(outlet + " reports: "):
                text = text[len(outlet) + len(" reports: ") :]
        evidence = " ".join(spans)
        numbers = _values(evidence)
        words = {w.lower().strip(".’'") for w in re.findall(r"[\w.’'-]+", evidence + " " + " ".join(outlets))}
        words |= {w.removesuffix("'s").removesuffix("’s") for w in words}
        initials = _initials(evidence)
        bad = [f"number {v:g}" for v in sorted(_values(text) - numbers)]
        for at, tok in _caps(text):
            key = tok.lower().strip(".’'").removesuffix("'s").removesuffix("’s")
            if at == 0 and key in _FUNCTION:
                continue
            letters = re.sub(r"[^a-z]", "", key)
            if key in words or (tok.replace(".", "").isupper() and letters in initials):
                continue
            bad.append(f"name {tok}")
        if bad:
            found.append({"text": sentence["text"], "rewritten": sentence.get("rewritten"), "unsupported": bad})
    return found


# ---- the run ---------------------------------------------------------------------------------------------


def _cut(sentences: list[str], words: int) -> list[str]:
    out, used = [], 0
    for s in sentences:
        w = s.split()
        if used + len(w) > words:
            if words - used > 0:
                out.append(" ".join(w[: words - used]))
            break
        out.append(s)
        used += len(w)
    return out


def _rejected_as_story(as_json: dict[str, Any], extractive: Any) -> dict[str, Any]:
    """The model sentences the guard rejected, each cited to the facts it named, as a story's JSON."""
    sentences = []
    for rej in as_json["rewrite"].get("rejections", []):
        cites = [c for i in rej["facts"] for c in extractive.sentences[i - 1].citations]
        if cites:
            sentences.append(
                {
                    "text": rej["text"],
                    "citations": [{"source": c.source, "start": c.start, "end": c.end} for c in cites],
                }
            )
    return {"sources": as_json["sources"], "sentences": sentences}


def _kind(reason: str) -> str:
    for kind in ("number", "date", "name", "quote", "negation", "hedge", "disputed", "words not in", "repeats"):
        if kind in reason:
            return kind
    return reason.split(" (")[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=DATA / "val-full250.src")
    ap.add_argument("--tgt", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--llm-model", default=None)
    ap.add_argument("--llm-url", default=None)
    ap.add_argument("--timeout", type=float, default=300.0, help="per-story time limit of the rewrite (s)")
    ap.add_argument("--threads", type=int, default=1, help="llama.cpp CPU threads (1 on a busy shared machine)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures and every story's rewrite here")
    ap.add_argument("--merge", type=Path, nargs="+", default=None, help="report on the stories of these --json files")
    ap.add_argument(
        "--replay",
        type=Path,
        nargs="+",
        default=[],
        help="judge the model answers recorded in these --json files again (no model run; their seconds kept)",
    )
    args = ap.parse_args(argv)
    if args.merge:
        rows = [r for path in args.merge for r in json.loads(path.read_text())["stories"]]
        rows.sort(key=lambda r: r["story"])
        print(json.dumps(summarize_rows(rows, args, None), indent=2))
        return 0
    tgt = args.tgt or args.src.with_suffix(".tgt")
    if not args.src.exists() or not tgt.exists():
        print(f"rewrite.py: error: {args.src} or {tgt} not found (Multi-News lives in ../shared/data)", file=sys.stderr)
        return 2

    from newsfuse.evaluate.rouge_scores import reference_sentences, rouge
    from newsfuse.inputs import parse_multinews_line
    from newsfuse.pipeline import Pipeline
    from newsfuse.rewrite import LlamaCppLLM, LLMUnavailable, Rewriter, StaticLLM, make_llm

    if args.replay:  # no model: the recorded answers are judged again
        backend, model = json.loads(args.replay[0].read_text())["stories"][0]["model"].split(":", 1)
        llm = StaticLLM("", model=model)
        llm.backend = backend
        rewriter = Rewriter(llm)
    else:
        try:
            llm = make_llm(args.llm_model, args.llm_url)
            if isinstance(llm, LlamaCppLLM):
                llm = LlamaCppLLM(llm.path, threads=args.threads)
            rewriter = Rewriter(llm, timeout=args.timeout)
            rewriter.check()
        except LLMUnavailable as e:
            print(f"rewrite.py: error: {e}", file=sys.stderr)
            return 2
    pipeline = Pipeline()
    rows: list[dict[str, Any]] = []
    recorded = {r["story"]: r for path in args.replay for r in json.loads(path.read_text())["stories"]}
    with open(args.src, encoding="utf-8") as fs, open(tgt, encoding="utf-8") as ft:
        for k, (src, ref) in enumerate(islice(zip(fs, ft, strict=False), args.skip, args.skip + args.limit)):
            if recorded and args.skip + k not in recorded:
                continue
            articles = parse_multinews_line(src)
            t0 = time.perf_counter()
            extractive = pipeline.summarize(articles, args.words)
            t1 = time.perf_counter()
            old = recorded.get(args.skip + k)
            if old is not None and old["rewrite"]["fallback"]:
                rows.append(old)  # it fell back: nothing to judge again
                continue
            if old is not None:
                llm.reply = old["rewrite"]["reply"]
            rewritten = rewriter.rewrite(extractive, args.words)
            t2 = time.perf_counter()
            reference = reference_sentences(ref)
            ext = [s.text for s in extractive.sentences]
            rew = _cut([s.text for s in rewritten.sentences], args.words)
            as_json = rewritten.to_dict()
            rows.append(
                {
                    "story": args.skip + k,
                    "model": f"{llm.backend}:{llm.model}" if old is None else old["model"],
                    "extractive_s": t1 - t0,
                    "rewrite_s": t2 - t1 if old is None else old["rewrite_s"],
                    "rouge_extractive": rouge(ext, reference),
                    "rouge_rewrite": rouge(rew, reference),
                    "rouge_rewrite_vs_extractive": rouge(rew, ext),
                    "words_extractive": extractive.words,
                    "words_rewrite": rewritten.words,
                    "rewrite": {k2: v for k2, v in as_json["rewrite"].items() if k2 != "facts"},
                    "n_facts": len(as_json["rewrite"]["facts"]),
                    "sentences": [
                        {key: s[key] for key in ("text", "rewritten", "guard", "facts", "tags")}
                        for s in as_json["sentences"]
                    ],
                    "unsupported": unsupported(as_json),
                    # The same check on the sentences the guard rejected: how many of them it would flag too.
                    "unsupported_in_rejected": unsupported(_rejected_as_story(as_json, extractive)),
                }
            )
            if args.json:  # after every story: a long run stopped early keeps what it measured
                args.json.write_text(json.dumps({"stories": rows}, indent=1))
            r = rows[-1]
            print(
                f"story {r['story']}: {r['rewrite']['accepted']} accepted, {r['rewrite']['rejected']} rejected, "
                f"{r['rewrite']['omitted']} facts left out of {r['n_facts']}; {r['rewrite_s']:.1f} s; "
                f"unsupported {len(r['unsupported'])}",
                file=sys.stderr,
            )
    report = summarize_rows(rows, args, llm)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"report": report, "stories": rows}, indent=1))
    return 0


def summarize_rows(rows: list[dict[str, Any]], args: argparse.Namespace, llm: Any) -> dict[str, Any]:
    accepted = sum(r["rewrite"]["accepted"] for r in rows)
    rejected = sum(r["rewrite"]["rejected"] for r in rows)
    facts = sum(r["n_facts"] for r in rows)
    restated = sum(len({i for s in r["sentences"] if s["rewritten"] for i in s["facts"]}) for r in rows)
    reasons: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for r in rows:
        for rej in r["rewrite"].get("rejections", []):
            for reason in re.split(r"; (?![^;]* says )", rej["guard"]):
                reasons[_kind(reason)] += 1
        for s in r["sentences"]:
            if s["rewritten"]:
                tags[s["tags"]] += 1
        for rej in r["rewrite"].get("rejections", []):
            tags[rej["tags"] + " (rejected)"] += 1

    def mean(key: str) -> dict[str, float]:
        return {m: round(statistics.fmean(r[key][m] for r in rows), 2) for m in rows[0][key]}

    unsupported = [u for r in rows for u in r["unsupported"]]
    rejected_with_facts = sum(1 for r in rows for rej in r["rewrite"].get("rejections", []) if rej["facts"])
    return {
        "stories": len(rows),
        "model": f"{llm.backend}:{llm.model}" if llm is not None else rows[0].get("model"),
        "words": args.words,
        "model_sentences": accepted + rejected,
        "accepted": accepted,
        "acceptance_rate": round(accepted / max(1, accepted + rejected), 4),
        "facts": facts,
        "facts_restated_by_accepted_sentences": round(restated / max(1, facts), 4),
        "output_sentences_rewritten": round(
            sum(1 for r in rows for s in r["sentences"] if s["rewritten"])
            / max(1, sum(len(r["sentences"]) for r in rows)),
            4,
        ),
        "fallbacks": sum(1 for r in rows if r["rewrite"]["fallback"]),
        "rejection_reasons": dict(reasons.most_common()),
        "tags": dict(tags.most_common()),
        "rouge_extractive": mean("rouge_extractive"),
        "rouge_rewrite": mean("rouge_rewrite"),
        "rouge_rewrite_vs_extractive": mean("rouge_rewrite_vs_extractive"),
        "mean_words_extractive": round(statistics.fmean(r["words_extractive"] for r in rows), 1),
        "mean_words_rewrite": round(statistics.fmean(r["words_rewrite"] for r in rows), 1),
        "independent_check_unsupported_sentences": len(unsupported),
        "independent_check_examples": unsupported[:10],
        "independent_check_on_rejected": {
            "rejected_sentences_citing_facts": rejected_with_facts,
            "flagged": sum(len(r["unsupported_in_rejected"]) for r in rows),
            "examples": [u for r in rows for u in r["unsupported_in_rejected"]][:10],
        },
        "seconds_per_story_extractive": round(statistics.fmean(r["extractive_s"] for r in rows), 3),
        "seconds_per_story_rewrite": round(statistics.fmean(r["rewrite_s"] for r in rows), 3),
        "seconds_per_story_rewrite_median": round(statistics.median(r["rewrite_s"] for r in rows), 3),
    }


if __name__ == "__main__":
    sys.exit(main())
