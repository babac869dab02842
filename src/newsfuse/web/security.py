"""ASGI middleware that every response passes through: security headers, origin and host checks, body size limit.

Article content is hostile by assumption: templates autoescape it, scripts only
ever set it with ``textContent``, and the Content-Security-Policy below forbids
inline scripts, so even a missed escape could not run code.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: Chromium then sends "Origin: null" on our own forms
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without port, brackets or trailing dot, lower-cased.

    >>> host_name("LocalHost:8000"), host_name("[::1]:80"), host_name("example.org."), host_name("::1")
    ('localhost', '::1', 'example.org', '::1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def allowed_host_names(bound: str | None, extra: Collection[str] = ()) -> frozenset[str]:
    """The Host names writes are accepted for: the bound host (unless a wildcard address), loopback names,
    and ``extra`` (``*`` accepts any).

    >>> sorted(allowed_host_names("0.0.0.0", ["News.Example.org"]))
    ['127.0.0.1', '::1', 'localhost', 'news.example.org']
    """
    names = {*DEFAULT_HOSTS, *(host_name(h) for h in extra if h.strip())}
    if bound and bound not in {"0.0.0.0", "::", "[::]"}:
        names.add(host_name(bound))
    return frozenset(names)


def _netloc(url: str) -> str | None:
    """The ``host[:port]`` of ``url``, or None when it cannot be read (``http://[::1`` is no origin).

    >>> _netloc("http://127.0.0.1:8000"), _netloc("http://[::1")
    ('127.0.0.1:8000', None)
    """
    try:
        return urlsplit(url).netloc
    except ValueError:
        return None


def safe_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (so ``javascript:`` never becomes a link).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url(" JaVaScRiPt:x")
    ('https://example.org/a?b=1', None, None)
    >>> safe_url("//evil.example/x"), safe_url("data:text/html,<b>"), safe_url(None)
    (None, None, None)
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    return url


async def send_error(
    send: Callable[[Message], Awaitable[None]],
    status: int,
    message: str,
    headers: Collection[tuple[bytes, bytes]] = (),
    *,
    html: str | None = None,
) -> None:
    """Answer ``{"error": message}`` (or the page ``html``) with ``status``, from middleware."""
    if html is None:
        body, kind = json.dumps({"error": message}).encode(), b"application/json"
    else:
        body, kind = html.encode(), b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *headers, *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


_send_json = send_error


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit (the app's handler answers 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes; send less at once")


class Guard:
    """Adds security headers, refuses cross-site writes, and bounds request bodies.

    A body announced larger than ``max_body_bytes`` is refused at once (413);
    a streamed one is cut off when it passes the limit.  Unsafe methods with
    an ``Origin`` header from another host are refused (403), so a web page
    elsewhere cannot make a local server fetch or store things for it.  Unsafe
    methods whose ``Host`` is not in ``allowed_hosts`` are refused too (403): a
    DNS-rebinding page (its own name, pointed at this server) sends its own
    name as Host and as Origin.  ``allowed_hosts`` None accepts any Host.
    ``HEAD`` is answered as ``GET`` without the body.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, allowed_hosts: Collection[str] | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = None if allowed_hosts is None else frozenset(host_name(h) for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if scope["method"] not in SAFE_METHODS:
            host = host_name(headers.get("host", ""))
            if self.allowed_hosts is not None and "*" not in self.allowed_hosts and host not in self.allowed_hosts:
                await _send_json(
                    send, 403, f"writes through host name {host[:100]!r} are refused (see newsfuse serve --allow-host)"
                )
                return
            origin = headers.get("origin")
            if origin and origin != "null" and _netloc(origin) != headers.get("host", ""):
                await _send_json(send, 403, "cross-origin request refused: post from a page of this server")
                return
            if origin == "null":
                await _send_json(send, 403, "request from an opaque origin refused")
                return
        length = headers.get("content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body_bytes
            except ValueError:
                await _send_json(send, 400, "invalid Content-Length header")
                return
            if too_big:
                await _send_json(send, 413, f"request body over {self.max_body_bytes} bytes; send less at once")
                return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _send_json(send, 413, f"request body over {self.max_body_bytes} bytes; send less at once")
