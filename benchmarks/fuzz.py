"""Fuzz every reader with hostile input and count crashes: JSONL, feeds, OPML, HTML, Multi-News lines, API bodies.

The strategies and checks are those of ``tests/test_fuzz.py`` (``tests/fuzzing.py``), run here at full
count: 10,000 cases per reader by default, on a random seed (printed; ``--seed`` repeats a run).  A case
passes when the reader reads it into encodable articles or refuses it with a clear one-line error (an
HTTP 2xx, or a 4xx with a message, and nothing logged at error level); anything else is a crash,
counted, and the first few of each kind printed with the input that caused them.  Nothing is shrunk.

    python3 benchmarks/fuzz.py                     # every reader, 10,000 cases each
    python3 benchmarks/fuzz.py --cases 2000 jsonl feeds
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import fuzzing

READERS = [*fuzzing.READERS, "api"]
STORE_CASES = 500


def run(name: str, cases: int, run_seed: int, show: int) -> tuple[int, int, float, Counter[str]]:
    """``(cases run, crashes, seconds, outcomes)`` for one reader."""
    crashes: list[tuple[str, str]] = []
    outcomes: Counter[str] = Counter()
    clients: list[fuzzing.ApiClient] = []
    if name == "api":
        strategy: Any = fuzzing.api_request()

        def check(case: tuple[str, bytes]) -> None:
            # A fresh server and store every STORE_CASES cases: ingest rebuilds its state from the store
            # on every request, and the point here is bad bodies, not a store of thousands of them.
            if not clients or outcomes["cases"] % STORE_CASES == 1:
                if clients:
                    clients.pop().close()
                clients.append(fuzzing.ApiClient(tempfile.mkdtemp(prefix="fuzz-api-")))
            outcomes[f"{case[0]} {clients[0].post(*case)}"] += 1

    else:
        strategy, check = fuzzing.READERS[name]

    @seed(run_seed)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def body(case: Any) -> None:
        outcomes["cases"] += 1
        try:
            check(case)
        except Exception as err:
            kind = f"{type(err).__name__}: {str(err).splitlines()[0][:160] if str(err) else ''}"
            crashes.append((kind, repr(case)[:400] + "\n" + traceback.format_exc(limit=-3)))

    start = time.perf_counter()
    try:
        body()
    finally:
        for client in clients:
            client.close()
    seconds = time.perf_counter() - start
    kinds = Counter(k for k, _ in crashes)
    for kind, n in kinds.most_common():
        print(f"  crash x{n}: {kind}")
        for _, detail in [c for c in crashes if c[0] == kind][:show]:
            print("    " + detail.replace("\n", "\n    "))
    return outcomes.pop("cases", 0), len(crashes), seconds, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("readers", nargs="*", metavar="READER", help=f"any of {', '.join(READERS)} (default: all)")
    parser.add_argument("--cases", type=int, default=10_000, help="cases per reader (default 10,000)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random, printed)")
    parser.add_argument("--show", type=int, default=2, help="inputs printed per kind of crash")
    args = parser.parse_args()
    unknown = sorted(set(args.readers) - set(READERS))
    if unknown:
        parser.error(f"unknown reader {', '.join(unknown)}: choose from {', '.join(READERS)}")
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"seed={run_seed} cases per reader={args.cases}")
    total = 0
    for name in args.readers or READERS:
        n, crashed, seconds, outcomes = run(name, args.cases, run_seed, args.show)
        total += crashed
        extra = f" {dict(sorted(outcomes.items()))}" if outcomes else ""
        print(f"{name}: cases={n} crashes={crashed} {seconds:.0f}s ({n / max(seconds, 1e-9):.0f} cases/s){extra}")
    print(f"total crashes={total}")


if __name__ == "__main__":
    main()
