"""Access with a shared token: writes (and, when private, reads) need it as a bearer header or a login cookie.

>>> auth = TokenAuth("s3cret")
>>> auth.check_token("s3cret"), auth.check_token("guess"), auth.check_cookie(auth.cookie_value())
(True, False, True)
>>> TokenAuth(None).enabled
False

Tokens are compared in constant time (as SHA-256 digests, so the length leaks nothing either);
a failure is answered 401 with no detail, and a client with too many failures in a window is
answered 429 with ``Retry-After`` until the window has passed.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from .security import Message, Scope, send_error
from .service import LRU

COOKIE = "newsfuse_login"
OPEN_PATHS = ("/healthz", "/favicon.ico", "/login", "/logout")
OPEN_PREFIXES = ("/static/",)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
UNAUTHORIZED_PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Log in · newsfuse</title>"
    '<link rel="stylesheet" href="/static/app.css"></head><body><main class="narrow">'
    '<h1>Log in first</h1><p>This server needs its access token: <a href="/login">log in</a>.</p>'
    "</main></body></html>"
)


class FailureLimiter:
    """Failed attempts per client in a sliding window; past ``max_failures`` the client waits.

    >>> lim = FailureLimiter(max_failures=2, window_s=60)
    >>> lim.fail("1.2.3.4", now=0); lim.fail("1.2.3.4", now=1); lim.retry_after("1.2.3.4", now=2)
    58
    >>> lim.retry_after("1.2.3.4", now=61), lim.retry_after("5.6.7.8", now=2)
    (0, 0)
    """

    def __init__(self, max_failures: int = 10, window_s: float = 60.0) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures = LRU(10_000)  # client -> deque of failure times
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures.get(client)
        if times is None:
            times = deque()
            self._failures.put(client, times)
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    def fail(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._recent(client, now).append(now)

    def retry_after(self, client: str, now: float | None = None) -> int:
        """0 when ``client`` may try, else the seconds until its oldest counted failure leaves the window."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._recent(client, now)
            if len(times) < self.max_failures:
                return 0
            return max(1, int(times[-self.max_failures] + self.window_s - now + 0.999))


class TokenAuth:
    """The server's shared token (None: no token, everything open) and what proves it."""

    def __init__(self, token: str | None, *, private: bool = False, limiter: FailureLimiter | None = None) -> None:
        self.token = token or None
        self.private = bool(private and self.token)
        self.limiter = limiter or FailureLimiter()
        self._digest = hashlib.sha256(self.token.encode()).digest() if self.token else b""

    @property
    def enabled(self) -> bool:
        return self.token is not None

    def check_token(self, given: str) -> bool:
        if not self.token:
            return True
        return hmac.compare_digest(hashlib.sha256(given.encode("utf-8", "replace")).digest(), self._digest)

    def cookie_value(self) -> str:
        """What the login cookie holds: derived from the token (a new token logs everyone out), not the token."""
        return hmac.new(self._digest, b"newsfuse login cookie", hashlib.sha256).hexdigest()

    def check_cookie(self, given: str) -> bool:
        return bool(self.token) and hmac.compare_digest(given.encode("utf-8", "replace"), self.cookie_value().encode())

    def needs_token(self, method: str, path: str) -> bool:
        """Writes always (the login form excepted); reads only when private; health and static files never."""
        if not self.token or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            return False
        return self.private or method not in SAFE_METHODS


def _cookie(headers: dict[str, str], name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class Access:
    """ASGI middleware enforcing :class:`TokenAuth`; marks the request ``state.authenticated``.

    Proof is ``Authorization: Bearer TOKEN`` or the login cookie set by ``POST /login``.
    Without proof: 401 (``{"error": "unauthorized"}``; a page read of a private server is sent
    to ``/login`` instead).  A wrong token or cookie counts as a failure for the client address.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], auth: TokenAuth) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send) -> None:
        if scope["type"] != "http" or not self.auth.enabled:
            if scope["type"] == "http":
                scope.setdefault("state", {})["authenticated"] = True
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        given = headers.get("authorization", "")
        bearer = given[7:].strip() if given[:7].lower() == "bearer " else None
        cookie = _cookie(headers, COOKIE)
        presented = bearer is not None or cookie is not None
        needs = self.auth.needs_token(scope["method"], scope["path"])
        client = client_of(scope)
        if presented and needs:  # a locked-out client is refused before its token is even looked at
            wait = self.auth.limiter.retry_after(client)
            if wait:
                await send_error(
                    send, 429, "too many failed attempts; try again later", [(b"retry-after", b"%d" % wait)]
                )
                return
        ok = (bearer is not None and self.auth.check_token(bearer)) or (
            bearer is None and cookie is not None and self.auth.check_cookie(cookie)
        )
        scope.setdefault("state", {})["authenticated"] = ok
        if ok or not needs:
            await self.app(scope, receive, send)
            return
        if presented:
            self.auth.limiter.fail(client)
        page = "text/html" in headers.get("accept", "") and not scope["path"].startswith("/api/")
        if page and scope["method"] in SAFE_METHODS:
            query = scope.get("query_string") or b""
            target = scope["path"] + ("?" + query.decode("latin-1") if query else "")
            location = "/login?next=" + quote(target, safe="")
            await send({"type": "http.response.start", "status": 303, "headers": [(b"location", location.encode())]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send_error(
            send, 401, "unauthorized", [(b"www-authenticate", b"Bearer")], html=UNAUTHORIZED_PAGE if page else None
        )
