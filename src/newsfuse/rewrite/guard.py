"""The guard: a model's sentence survives only if its cited facts' source sentences state all it says.

Checked on every sentence, against the source sentences of the facts it cites (all outlets' wordings),
with the comparison stage's readers (``newsfuse.compare``): numbers with their units (``quantities``:
4,000 = 4000 = four thousand, $4.5 million = $4,500,000), dates (``find_dates``), named entities
(``HeuristicNER`` and ``same_name``: U.S. = United States), first-person speakers, quoted words,
negation (``is_negation``) and hedges.  It also rejects a sentence whose content words are mostly not
in those sources, and a sentence that states only one side of a disputed fact.

>>> from newsfuse.types import Citation
>>> src = "Police said 4,000 people were not evacuated from Springfield, officials reportedly said."
>>> unit = Unit(1, src, 1, (Citation("a", 0, len(src)),), (src,), ("AP",), (None,))
>>> check("Reportedly, 4000 people were not evacuated from Springfield.", [unit])
[]
>>> check("Reportedly, 5000 people were not evacuated from Springfield.", [unit])
['number "5000" not in the cited sources']
>>> check("4000 people were evacuated from Springfield, officials reportedly said.", [unit])
['dropped negation ("not")']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..compare.names import name_core, same_name
from ..compare.ner import HeuristicNER
from ..compare.numbers import quantities
from ..compare.quoting import quotes
from ..compare.timeline import compatible, find_dates, find_times, parse_published
from ..compare.tokens import content, is_negation, words
from .base import Unit

# Hedges a rewrite must keep: a fact stated with one must be restated with one of the same family.
HEDGES: dict[str, tuple[str, ...]] = {
    "may": ("may", "might", "could", "possibly", "perhaps", "likely", "probably"),
    "might": ("may", "might", "could", "possibly", "perhaps", "likely", "probably"),
    "could": ("may", "might", "could", "possibly", "perhaps", "likely", "probably"),
    "possibly": ("may", "might", "could", "possibly", "perhaps"),
    "perhaps": ("may", "might", "could", "possibly", "perhaps"),
    "likely": ("likely", "probably", "may", "might", "could"),
    "probably": ("likely", "probably", "may", "might", "could"),
    "reportedly": ("reportedly", "reported", "reports", "according to"),
    "allegedly": ("allegedly", "alleged", "accused"),
    "alleged": ("allegedly", "alleged", "accused"),
    "believed to": ("believed", "thought to", "suspected"),
    "thought to": ("believed", "thought to", "suspected"),
    "suspected": ("suspected", "believed", "allegedly", "alleged"),
    "apparently": ("apparently", "appears", "appeared", "seems", "seemed"),
    "unconfirmed": ("unconfirmed", "not confirmed", "could not be confirmed", "reportedly"),
}
_HEDGE_RE = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"‘]([^”\"’]+)[”\"’]|(?<!\w)'([^']{3,})'(?!\w)")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
_NER = HeuristicNER()
# Past this share of content words that no cited source has, a sentence is judged to say something new.
MAX_NEW_WORDS = 0.34


@dataclass
class Evidence:
    """What the cited facts' sources state, read once per set of facts."""

    units: list[Unit]
    texts: list[str] = field(default_factory=list)
    folded: str = ""
    lemmas: set[str] = field(default_factory=set)
    lower_words: set[str] = field(default_factory=set)
    names: list[tuple[str, ...]] = field(default_factory=list)
    numbers: list = field(default_factory=list)
    number_tokens: set[str] = field(default_factory=set)
    dates: list = field(default_factory=list)

    @classmethod
    def of(cls, units: list[Unit]) -> Evidence:
        ev = cls(units)
        seen: set[str] = set()
        for u in units:
            for k, text in enumerate(u.sources):
                ev.lower_words.update(w.lower() for w in u.outlets[k].split())
                ev.names.append(tuple(u.outlets[k].split()))
                day = parse_published(u.published[k])
                if day is not None:
                    ev.dates.append((day.isoformat(), None))
                if text in seen:
                    continue
                seen.add(text)
                ev.texts.append(text)
                toks = [t for _, _, t in words(text)]
                ev.lower_words.update(_bare(t) for t in toks)
                ev.lemmas.update(content(toks))
                ev.names.extend(tuple(m.text.split()) for m in _NER.entities(text))
                ev.numbers.extend(quantities(text, limit=60))
                ev.number_tokens.update(n.replace(",", "") for n in _NUMBER_TOKEN.findall(text))
                for anchor in {day, None}:
                    ev.dates.extend((d.value, d.key) for d in find_dates(text, anchor))
        ev.folded = " " + " ".join(fold(t) for t in ev.texts) + " "
        return ev


def fold(text: str) -> str:
    """Lower-cased words joined by single spaces: how quoted words and names are looked up in sources."""
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def _bare(token: str) -> str:
    return token.lower().rstrip(".").removesuffix("’s").removesuffix("'s")


def _has(ev: Evidence, phrase: str) -> bool:
    key = fold(phrase)
    return bool(key) and f" {key} " in ev.folded


def _number_problems(sentence: str, ev: Evidence) -> tuple[list[str], list[tuple[int, int]]]:
    problems, covered = [], []
    for q in quantities(sentence, limit=60):
        same = [
            p
            for p in ev.numbers
            if abs(p.value - q.value) <= 1e-9 * max(1.0, abs(q.value)) and (q.other is None or p.other == q.other)
        ]
        if not same:
            problems.append(f'number "{q.text.strip()}" not in the cited sources')
        elif q.noun and not any(p.noun == q.noun for p in same) and q.noun not in ev.lemmas:
            problems.append(f'number "{q.text.strip()}" has a unit ("{q.noun}") the cited sources do not give it')
        covered.append((q.start, q.end))
    return problems, covered


def _date_problems(sentence: str, ev: Evidence) -> tuple[list[str], list[tuple[int, int]]]:
    problems, covered = [], []
    for d in find_dates(sentence, None):
        covered.append((d.start, d.end))
        if _has(ev, d.text):
            continue
        if d.value and any(v and compatible(d.value, v) for v, _ in ev.dates):
            continue
        if d.key and any(k == d.key for _, k in ev.dates):
            continue
        problems.append(f'date "{d.text}" not in the cited sources')
    covered.extend((s, e) for s, e, _ in find_times(sentence))
    return problems, covered


def _loose_digits(sentence: str, ev: Evidence, covered: list[tuple[int, int]]) -> list[str]:
    """Digits outside the numbers and dates read above (clock times, codes): they must appear as written.

    So must "one", which the number reader leaves to the pronoun ("one of them").
    """
    out = []
    if re.search(r"\bone\b", sentence, re.IGNORECASE) and "one" not in ev.lower_words and "1" not in ev.number_tokens:
        out.append('number "one" not in the cited sources')
    for m in _NUMBER_TOKEN.finditer(sentence):
        if any(s <= m.start() < e for s, e in covered):
            continue
        if m.group(0).replace(",", "") not in ev.number_tokens:
            out.append(f'number "{m.group(0)}" not in the cited sources')
    return out


def _name_found(name: tuple[str, ...], ev: Evidence) -> bool:
    core = name_core(name)
    if not core or core <= ev.lower_words:
        return True
    # Written another way: an acronym (U.N. / United Nations) or a one-letter spelling variant.
    for other in ev.names:
        if not same_name(name, other):
            continue
        if len(name) == 1 or len(other) == 1:  # an acronym of the other (U.N. / United Nations)
            short = name[0] if len(name) == 1 else other[0]
            if short.replace(".", "").isupper() and len(short.replace(".", "")) >= 2:
                return True
            continue
        if all(any(same_name((w,), (x,)) for x in name_core(other)) for w in core):
            return True
    return False


def _entity_problems(sentence: str, ev: Evidence) -> list[str]:
    out = []
    for m in _NER.entities(sentence):
        name = tuple(m.text.split())
        if not _name_found(name, ev) and not _has(ev, m.text):
            out.append(f'name "{m.text}" not in the cited sources')
    return out


def _quote_problems(sentence: str, ev: Evidence) -> list[str]:
    found = [m.group(1) or m.group(2) for m in _QUOTED.finditer(sentence)]
    found += [q.text for q in quotes(sentence) if q.text not in found]
    return [f'quote "{q.strip()}" not in the cited sources' for q in found if fold(q) and not _has(ev, q)]


def _negations(text: str) -> list[str]:
    return [t for _, _, t in words(text) if is_negation(t)]


def _negated_words(text: str) -> list[tuple[str, str]]:
    """Each negation of ``text`` with the first content word after it (what it negates), as a stem."""
    toks = [t for _, _, t in words(text)]
    out = []
    for k, t in enumerate(toks):
        if not is_negation(t):
            continue
        after = content(toks[k + 1 : k + 6])
        out.append((t, after[0][:5] if after else ""))
    return out


def _negation_problems(sentence: str, ev: Evidence) -> list[str]:
    """A negation of the cited facts whose negated word the sentence states without a negation before it.

    Leaving out a negated clause is not a problem; restating it without its "not" is.
    """
    toks = [t for _, _, t in words(sentence)]
    problems = []
    for u in ev.units:
        for neg, stem in _negated_words(u.text):
            if not stem:
                continue
            hits = [k for k, t in enumerate(toks) if content([t]) and content([t])[0][:5] == stem]
            if hits and not any(is_negation(t) for k in hits for t in toks[max(0, k - 5) : k]):
                problems.append(f'dropped negation ("{neg}")')
    mine = _negations(sentence)
    allowed = sum(max(len(_negations(t)) for t in u.sources) if u.sources else 0 for u in ev.units)
    if len(mine) > allowed:
        problems.append(f'added negation ("{mine[-1]}") that the cited sources do not state')
    return list(dict.fromkeys(problems))


def _hedge_problems(sentence: str, ev: Evidence) -> list[str]:
    """A hedge of the cited facts whose hedged words the sentence states with no hedge of the same family.

    What a hedge qualifies is read as the first content word after it ("reportedly resigned" -> resign);
    leaving the hedged clause out is not a problem, restating it as certain is.
    """
    toks = [t for _, _, t in words(sentence)]
    stems = [(content([t])[0][:5] if content([t]) else "") for t in toks]
    low = " " + fold(sentence) + " "
    out = []
    mine = set(content(toks))
    for u in ev.units:
        for m in _HEDGE_RE.finditer(u.text):
            hedge = m.group(1).lower()
            if any(f" {fold(h)}" in low for h in HEDGES[hedge]):
                continue
            before = u.text[max(0, m.start() - 12) : m.start()].lower().split()
            if (m.group(1)[0].isupper() and m.start() > 0) or (before and before[-1] in {"more", "less", "most"}):
                continue  # "May 2011" is a month; "more likely" compares
            # The hedged clause: from the sentence start before the hedge to the next sentence end.
            start = max(u.text.rfind(". ", 0, m.start()), u.text.rfind("? ", 0, m.start())) + 1
            ends = [e for e in (u.text.find(". ", m.end()), u.text.find("? ", m.end())) if e >= 0]
            clause = set(content([t for _, _, t in words(u.text[start : min(ends) if ends else len(u.text)])]))
            after = content([t for _, _, t in words(u.text[m.end() : m.end() + 80])][:8])[:2]
            restates = len(mine & clause) >= 0.5 * len(clause) if clause else True
            if restates and (not after or all(w[:5] in stems for w in after)):
                out.append(f'dropped hedge ("{hedge}")')
    return list(dict.fromkeys(out))


def _dispute_problems(sentence: str, ev: Evidence) -> list[str]:
    out = []
    for u in ev.units:
        if not u.disputed:
            continue
        low = " " + fold(sentence) + " "
        missing = [v for v in u.versions if f" {fold(v.claim)} " not in low]
        unnamed = [v for v in u.versions if not v.outlet.startswith("Source ") and fold(v.outlet) not in low]
        if missing or unnamed:
            sides = "; ".join(f"{v.outlet} says {v.claim}" for v in u.versions)
            out.append(f"disputed fact F{u.id} not stated with every version attributed ({sides})")
    return out


_SPEAKERS = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your"})


def _speaker_problems(sentence: str, ev: Evidence) -> list[str]:
    """A first- or second-person pronoun the cited sources never use: the sentence changes who speaks."""
    out = []
    for _, _, t in words(sentence):
        if t.lower() in _SPEAKERS and t.lower() not in ev.lower_words:
            out.append(f'speaker "{t}" not in the cited sources')
    return list(dict.fromkeys(out))


def _new_words(sentence: str, ev: Evidence, max_new: float) -> list[str]:
    mine = [w for w in content([t for _, _, t in words(sentence)]) if w.isalpha()]
    new = [w for w in dict.fromkeys(mine) if w not in ev.lemmas and w not in ev.lower_words]
    if len(new) >= 2 and len(new) > max_new * len(set(mine)):
        return [f"words not in the cited sources: {', '.join(new[:6])}"]
    return []


def check(
    sentence: str, units: list[Unit], *, evidence: Evidence | None = None, max_new: float = MAX_NEW_WORDS
) -> list[str]:
    """Why ``sentence`` may not stand for ``units`` (empty when it may), most serious first."""
    if not units:
        return ["cites no fact"]
    if len(sentence.split()) < 3:
        return ["too short to be a sentence"]
    ev = evidence or Evidence.of(units)
    numbers, covered = _number_problems(sentence, ev)
    dates, date_spans = _date_problems(sentence, ev)
    problems = numbers + dates + _loose_digits(sentence, ev, covered + date_spans)
    problems += _entity_problems(sentence, ev) + _speaker_problems(sentence, ev) + _quote_problems(sentence, ev)
    problems += _negation_problems(sentence, ev) + _hedge_problems(sentence, ev) + _dispute_problems(sentence, ev)
    problems += _new_words(sentence, ev, max_new)
    return list(dict.fromkeys(problems))
