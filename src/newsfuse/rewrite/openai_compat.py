"""Any OpenAI-compatible chat endpoint (llama.cpp's server, Ollama, vLLM): only the URL given is contacted.

The key, if the server wants one, comes from an environment variable (``NEWSFUSE_LLM_KEY`` by default)
and is sent as a bearer token.

>>> OpenAICompatLLM("http://127.0.0.1:9/v1", "m", connect_timeout=0.5).check()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
newsfuse.rewrite.base.LLMUnavailable: cannot reach the model server at http://127.0.0.1:9/v1 (ConnectError): ...
"""

from __future__ import annotations

import os
import time
from typing import Any

import httpx

from .base import SEED, LLMUnavailable, RewriteTimeout

KEY_ENV = "NEWSFUSE_LLM_KEY"


class OpenAICompatLLM:
    """Chat completions at ``url`` (the API root, e.g. ``http://127.0.0.1:8080/v1``) with model ``model``.

    ``model=None`` takes the first model the server lists.  Requests are greedy (temperature 0)
    with a fixed seed; the time left before the story's deadline bounds each request.
    """

    backend = "openai"

    def __init__(
        self, url: str, model: str | None = None, *, key_env: str = KEY_ENV, connect_timeout: float = 10.0
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise LLMUnavailable(f"--llm-url must start with http:// or https:// (got {url!r})")
        self.url = url.rstrip("/")
        self.model = model or ""
        self.connect_timeout = connect_timeout
        key = os.environ.get(key_env)
        self._headers = {"Authorization": f"Bearer {key}"} if key else {}

    def _get(self, path: str) -> Any:
        try:
            r = httpx.get(self.url + path, headers=self._headers, timeout=self.connect_timeout)
        except httpx.HTTPError as e:
            raise LLMUnavailable(
                f"cannot reach the model server at {self.url} ({type(e).__name__}): start it or fix --llm-url"
            ) from None
        if r.status_code in (401, 403):
            raise LLMUnavailable(f"the model server at {self.url} refused the key: set {KEY_ENV}")
        if r.status_code >= 400:
            raise LLMUnavailable(f"the model server at {self.url} answered {r.status_code} to GET {path}")
        try:
            return r.json()
        except ValueError:
            raise LLMUnavailable(
                f"{self.url}{path} did not answer JSON: is it an OpenAI-compatible API root?"
            ) from None

    def check(self) -> None:
        listed = self._get("/models")
        names = [m.get("id") for m in listed.get("data", []) if isinstance(m, dict)] if isinstance(listed, dict) else []
        if not self.model:
            if not names:
                raise LLMUnavailable(f"the model server at {self.url} lists no model: name one with --llm-model")
            self.model = str(names[0])

    def chat(self, messages: list[dict[str, str]], *, max_tokens: int, deadline: float | None) -> str:
        if not self.model:
            self.check()
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise RewriteTimeout("no time left for the model")
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "top_p": 1,
            "seed": SEED,
            "max_tokens": max_tokens,
            "stream": False,
        }
        try:
            r = httpx.post(self.url + "/chat/completions", json=body, headers=self._headers, timeout=left)
        except httpx.TimeoutException:
            raise RewriteTimeout("the model server did not answer within the time limit") from None
        except httpx.HTTPError as e:
            raise LLMUnavailable(f"lost the model server at {self.url} ({type(e).__name__})") from None
        if r.status_code >= 400:
            raise LLMUnavailable(f"the model server at {self.url} answered {r.status_code}: {r.text[:200]}")
        try:
            return r.json()["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMUnavailable(f"the model server at {self.url} gave no chat completion") from None
