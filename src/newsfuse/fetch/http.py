"""Polite, bounded HTTP fetching: timeouts, size cap, capped redirects, retries, per-host limit, SSRF guard.

Redirects are followed by hand so that every hop passes ``check_url`` (after DNS resolution) before it is
requested; a redirect loop or too many hops is an error.  The connection then goes to the address that
was checked (pinned per host name), never to a second DNS answer, while TLS (SNI, certificate) and the
``Host`` header keep the name.  IPv6 forms that carry an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64)
are judged by that address.

>>> try:
...     check_url("http://127.0.0.1/x")
... except BlockedURLError as err:
...     print(str(err).split(" (")[0])
http://127.0.0.1/x: refused, 127.0.0.1 is a loopback address
>>> check_url("http://127.0.0.1/x", allow_private=True)
'http://127.0.0.1/x'
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import InputError
from ..version import __version__

USER_AGENT = f"newsfuse/{__version__} (news clustering and summarization; +https://pypi.org/project/newsfuse/)"


class FetchError(InputError):
    """A URL that could not be fetched as news (unreachable, HTTP error, too big, binary ...)."""


class BlockedURLError(FetchError):
    """A URL refused by the SSRF guard: it points into a private, loopback or link-local network."""


IP = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix: the IPv4 address in the last 32 bits


def embedded_ipv4(ip: IP) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address stands for, with the name of the form, or None.

    >>> embedded_ipv4(ipaddress.ip_address("2002:7f00:1::")), embedded_ipv4(ipaddress.ip_address("64:ff9b::a00:1"))
    (('6to4', IPv4Address('127.0.0.1')), ('NAT64', IPv4Address('10.0.0.1')))
    >>> embedded_ipv4(ipaddress.ip_address("2001:0:4136:e378:8000:63bf:80ff:fffe"))  # Teredo client 127.0.0.1
    ('Teredo', IPv4Address('127.0.0.1'))
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return "IPv4-mapped", ip.ipv4_mapped
    if ip.sixtofour:
        return "6to4", ip.sixtofour
    if ip.teredo:
        server, client = ip.teredo
        return "Teredo", client if _why_blocked_v4(server) is None else server
    if ip in NAT64:
        return "NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _why_blocked_v4(ip: IP) -> str | None:
    if ip == ipaddress.ip_address("169.254.169.254"):
        return "the cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "not a public address"
    return None


def _why_blocked(ip: IP) -> str | None:
    embedded = embedded_ipv4(ip)
    if embedded is not None:
        form, v4 = embedded
        why = _why_blocked_v4(v4)
        if why is None:
            return None if form != "Teredo" else _why_blocked_teredo(ip)
        return why if form == "IPv4-mapped" else f"the {form} form of {v4}, {why}"
    return _why_blocked_v4(ip)


def _why_blocked_teredo(ip: ipaddress.IPv6Address) -> str | None:
    """A Teredo address is refused when its server or its client is not public."""
    assert ip.teredo is not None
    for v4 in ip.teredo:
        why = _why_blocked_v4(v4)
        if why:
            return f"the Teredo form of {v4}, {why}"
    return None


def resolve_url(url: str, allow_private: bool | Collection[str] = False) -> list[IP]:
    """The addresses ``url``'s host resolves to, each passed by the SSRF guard (see ``check_url``)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: the URL has no host name")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: the port is not a number from 0 to 65535") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"{url}: cannot resolve host {host!r} ({err})") from None
    ips = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos))
    allowed = allow_private is True or bool(
        allow_private and (host in allow_private or f"{host}:{parts.port}" in allow_private)
    )
    if not allowed:
        for ip in ips:
            why = _why_blocked(ip)
            if why:
                raise BlockedURLError(
                    f"{url}: refused, {ip} is {why} (use --allow-private to fetch from your own network)"
                )
    if not ips:
        raise FetchError(f"{url}: host {host!r} has no address")
    return ips


def check_url(url: str, allow_private: bool | Collection[str] = False) -> str:
    """Refuse non-HTTP URLs and, unless ``allow_private``, hosts that resolve to a non-public address.

    Every address the name resolves to is checked (a public name with one private address is refused).
    ``allow_private`` may also be a collection of host names or ``host:port`` pairs allowed as exceptions.
    Returns the URL; raises BlockedURLError or FetchError (both InputError).
    """
    resolve_url(url, allow_private)
    return url


class PinnedBackend(httpcore.SyncBackend):
    """Connects a host name to the address the SSRF guard checked for it (``pin``), never to a new DNS answer.

    The connection pool still keys connections by host name, so TLS verifies the name (SNI and
    certificate) and ``Host`` carries it; only the TCP connect uses the pinned address.  A name that
    was not pinned is not connected to at all.
    """

    def __init__(self) -> None:
        self._pins: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def pin(self, host: str, ips: Iterable[IP]) -> None:
        with self._lock:
            self._pins[host.lower().strip("[]")] = [str(ip) for ip in ips]

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        with self._lock:
            ips = self._pins.get(host.lower().strip("[]"))
        if not ips:
            raise httpcore.ConnectError(f"{host} was not checked by the SSRF guard")
        for k, ip in enumerate(ips):  # in resolver order, as socket.create_connection would try them
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if k == len(ips) - 1:
                    raise
        raise httpcore.ConnectError(f"{host}: no address to connect to")


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects through a :class:`PinnedBackend`."""

    def __init__(self, backend: PinnedBackend) -> None:
        super().__init__(trust_env=False)
        limits = httpx.Limits()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


@dataclass(frozen=True)
class FetchConfig:
    """Limits of one fetcher; the defaults suit news pages and feeds."""

    timeout: float = 15.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    per_host: int = 2
    user_agent: str = USER_AGENT


@dataclass
class Response:
    """A fetched body: ``url`` is the final URL after redirects; ``status`` 304 means not modified."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes = b""
    history: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


_RETRY_STATUS = {429, 500, 502, 503, 504}


class Fetcher:
    """One httpx client with the limits of ``config``; safe to share between threads.

    >>> with Fetcher() as f:
    ...     try:
    ...         f.get("http://10.0.0.1/feed")
    ...     except BlockedURLError as err:
    ...         print(str(err).split(" (")[0])
    http://10.0.0.1/feed: refused, 10.0.0.1 is a private address
    """

    def __init__(self, config: FetchConfig | None = None, *, allow_private: bool | Collection[str] = False) -> None:
        self.config = config or FetchConfig()
        self.allow_private = allow_private
        self._backend = PinnedBackend()
        self._client = httpx.Client(
            transport=_PinnedTransport(self._backend),
            timeout=httpx.Timeout(self.config.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # no proxies from the environment: the SSRF guard must see the real target
        )
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            sem = self._hosts.setdefault(host, threading.Semaphore(self.config.per_host))
        with sem:
            yield

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given), following safe redirects."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        while True:
            ips = resolve_url(current, self.allow_private)
            self._backend.pin(httpx.URL(current).raw_host.decode("ascii"), ips)
            if current in seen:
                raise FetchError(f"{url}: redirect loop ({' -> '.join([*seen, current])})")
            seen.append(current)
            resp = self._get_once(current, headers)
            if resp.status in {301, 302, 303, 307, 308}:
                target = resp.headers.get("location")
                if not target:
                    raise FetchError(f"{current}: HTTP {resp.status} redirect without a Location header")
                if len(seen) > self.config.max_redirects:
                    raise FetchError(f"{url}: more than {self.config.max_redirects} redirects")
                current = urljoin(current, target)
                continue
            resp.history = seen[:-1]
            if resp.status == 304 or 200 <= resp.status < 300:
                return resp
            raise FetchError(f"{current}: HTTP {resp.status}")

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        cfg = self.config
        attempt = 0
        while True:
            try:
                with self._host_slot(url):
                    return self._read(url, headers)
            except (httpx.TimeoutException, httpx.TransportError, _Retryable) as err:
                attempt += 1
                if attempt > cfg.retries:
                    if isinstance(err, _Retryable):
                        raise FetchError(f"{url}: HTTP {err.status} (after {cfg.retries} retries)") from None
                    kind = "timed out" if isinstance(err, httpx.TimeoutException) else "cannot connect"
                    raise FetchError(f"{url}: {kind} ({type(err).__name__}: {err or 'no detail'})") from None
                time.sleep(cfg.backoff * 2 ** (attempt - 1))

    def _read(self, url: str, headers: dict[str, str]) -> Response:
        cfg = self.config
        with self._client.stream("GET", url, headers=headers) as r:
            self._check_peer(url, r)
            if r.status_code in _RETRY_STATUS:
                raise _Retryable(r.status_code)
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cfg.max_bytes:
                raise FetchError(
                    f"{url}: {int(declared) / 2**20:.1f} MB is over the {cfg.max_bytes / 2**20:.0f} MB limit"
                )
            chunks, size = [], 0
            if 200 <= r.status_code < 300:
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > cfg.max_bytes:
                        raise FetchError(f"{url}: the body is over the {cfg.max_bytes / 2**20:.0f} MB limit")
                    chunks.append(chunk)
            return Response(str(r.url), r.status_code, {k.lower(): v for k, v in r.headers.items()}, b"".join(chunks))

    def _check_peer(self, url: str, r: httpx.Response) -> None:
        """Check the address actually connected to: a name may resolve differently than it did in check_url."""
        if self.allow_private is True:
            return
        stream = r.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            return
        ip = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
        why = _why_blocked(ip)
        host = (urlsplit(url).hostname or "").lower()
        allowed = self.allow_private and (host in self.allow_private or f"{host}:{peer[1]}" in self.allow_private)
        if why and not allowed:
            raise BlockedURLError(f"{url}: refused, connected to {ip}, {why} (the name changed its address)")


class _Retryable(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status
