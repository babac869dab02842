"""Shared fixtures: the shipped example, the shared data folder, and a real CLI runner."""

from __future__ import annotations

import subprocess
import sys
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
