"""The fetcher's SSRF guard: IPv6 forms of private addresses, and connecting to the address that was checked.

Real sockets and real HTTP servers on loopback addresses; the only stand-in is the system resolver
(``socket.getaddrinfo``), made to answer a name differently on its second lookup as a DNS-rebinding
attacker's name server would.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from newsfuse.fetch import Fetcher
from newsfuse.fetch.http import BlockedURLError, FetchConfig, check_url


@pytest.mark.parametrize(
    ("url", "form", "v4", "why"),
    [
        ("http://[2002:7f00:1::]/", "6to4", "127.0.0.1", "loopback"),
        ("http://[2002:a00:1::5]/", "6to4", "10.0.0.1", "private"),
        ("http://[2002:a9fe:a9fe::]/", "6to4", "169.254.169.254", "metadata"),
        ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "Teredo", "127.0.0.1", "loopback"),  # client 127.0.0.1
        ("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", "Teredo", "10.0.0.1", "private"),
        ("http://[64:ff9b::7f00:1]/", "NAT64", "127.0.0.1", "loopback"),
        ("http://[64:ff9b::c0a8:101]/", "NAT64", "192.168.1.1", "private"),
    ],
)
def test_ipv6_forms_of_private_addresses_are_refused(url, form, v4, why):
    with pytest.raises(BlockedURLError) as err:
        check_url(url)
    message = str(err.value)
    assert f"the {form} form of {v4}" in message and why in message


def test_ipv6_forms_of_public_addresses_pass():
    for url in ("http://[2002:808:808::1]/", "http://[64:ff9b::808:808]/", "http://[::ffff:8.8.8.8]/"):
        assert check_url(url) == url
    with pytest.raises(BlockedURLError, match="loopback"):
        check_url("http://[::ffff:127.0.0.1]/")


class _Named(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.server.name.encode()  # type: ignore[attr-defined]
        self.server.hits.append(self.headers.get("Host"))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def _server(address: str, port: int, name: str) -> Iterator[http.server.HTTPServer]:
    server = http.server.ThreadingHTTPServer((address, port), _Named)
    server.name, server.hits = name, []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_the_fetcher_connects_to_the_address_it_checked(monkeypatch):
    """A name that answers 127.0.0.1 to the check and 127.0.0.2 afterwards is fetched from 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host, *args, **kwargs):
        if host != "rebind.test":
            return real(host, *args, **kwargs)
        lookups.append(host)
        address = "127.0.0.1" if len(lookups) == 1 else "127.0.0.2"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    with _server("127.0.0.1", port, "checked") as checked, _server("127.0.0.2", port, "rebound") as rebound:
        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        with Fetcher(FetchConfig(retries=0, timeout=5), allow_private=True) as fetcher:
            response = fetcher.get(f"http://rebind.test:{port}/page")
    assert response.content == b"checked" and response.url == f"http://rebind.test:{port}/page"
    assert lookups == ["rebind.test"]  # one lookup: the check's; the connection reused its answer
    assert checked.hits == [f"rebind.test:{port}"] and rebound.hits == []  # Host keeps the name


def test_a_rebound_private_answer_is_never_connected_to(monkeypatch):
    """The check refuses a name whose answer is private, even when a later lookup would say otherwise."""
    real = socket.getaddrinfo

    def private_then_public(host, port, *args, **kwargs):
        if host != "evil.test":
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", private_then_public)
    with Fetcher(FetchConfig(retries=0, timeout=5)) as fetcher, pytest.raises(BlockedURLError, match="loopback"):
        fetcher.get("http://evil.test/")
