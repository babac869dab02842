"""Shared fixtures: the shipped example, the shared data folder, and a real CLI runner."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kim-jong-un-beijing"
DATA = ROOT.parent / "shared" / "data" / "multinews"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not (DATA / "val.src").exists():
        pytest.skip(f"Multi-News data not found at {DATA} (it lives in ../shared/data beside the repo)")
    return DATA


def run_cli(*args: str, stdin: bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run the real `python -m newsfuse` in a subprocess, piped (not a TTY)."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


@pytest.fixture(scope="session")
def cli():
    return run_cli


@pytest.fixture(scope="session")
def bulk_corpus(data_dir, tmp_path_factory) -> Path:
    """A JSONL bulk load: the ~330 articles of 120 Multi-News stories (two chunks of features), an exact
    copy (another outlet) and a shouted near-copy of every 40th article, and a teaser too short to store."""
    from newsfuse.inputs import parse_multinews_line

    path = tmp_path_factory.mktemp("bulk") / "corpus.jsonl"
    n = 0
    with open(data_dir / "val.src", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for k, line in enumerate(islice(fh, 120)):
            for a in parse_multinews_line(line):
                out.write(json.dumps({"id": f"{k}-{a.id}", "text": a.text, "source": f"outlet{n % 5}"}) + "\n")
                if n % 40 == 7:
                    out.write(json.dumps({"id": f"{k}-{a.id}-copy", "text": a.text, "source": "wire"}) + "\n")
                    out.write(json.dumps({"id": f"{k}-{a.id}-loud", "text": a.text.upper()}) + "\n")
                n += 1
        out.write(json.dumps({"id": "teaser", "text": "Read more on our site."}) + "\n")
    return path


def _stored_stories(db: Path) -> list[tuple[str, int, int, str]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT a.key, m.story_id, m.position, group_concat(o.name, ',') FROM articles a"
            " JOIN memberships m ON m.article_id = a.id JOIN article_outlets ao ON ao.article_id = a.id"
            " JOIN outlets o ON o.id = ao.outlet_id GROUP BY a.id ORDER BY a.id"
        ).fetchall()


@pytest.fixture(scope="session")
def stored_stories():
    """Read a SQLite store's articles back: key, story, position in it and credited outlets, in stored order."""
    return _stored_stories
