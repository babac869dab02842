"""A real HTTP server on 127.0.0.1 for fetch/firehose tests: article pages, feeds, OPML and every bad case."""

from __future__ import annotations

import contextlib
import html
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KIM_1 = [
    "North Korean leader Kim Jong Un arrived in Beijing on Monday aboard an armoured green train, "
    "in his first known trip abroad since taking power in 2011.",
    "Chinese President Xi Jinping hosted Kim at the Great Hall of the People, where the two leaders "
    "discussed the nuclear standoff on the Korean peninsula and a planned summit with South Korea.",
    "Kim told Xi that he was committed to denuclearization, according to the Xinhua news agency, "
    "and the visit lasted two days before the train left Beijing on Wednesday morning.",
]
KIM_2 = [
    "Kim Jong Un's secretive visit to Beijing ended on Wednesday as his armoured train departed the "
    "Chinese capital, state media in Pyongyang and Xinhua confirmed.",
    "Xi Jinping and Kim Jong Un held talks about denuclearization of the Korean peninsula, and Xi "
    "accepted an invitation to visit North Korea, the Xinhua report said.",
    "Analysts said the Beijing trip strengthened Kim's hand before his summit with South Korean "
    "President Moon Jae-in and a possible meeting with Donald Trump.",
]
FLOOD = [
    "Record rainfall from Hurricane Harvey flooded large parts of Houston, Texas, on Sunday, forcing "
    "thousands of residents onto rooftops as rescuers in boats worked through the night.",
    "The National Weather Service warned that another twenty inches of rain could fall on the Gulf "
    "Coast this week, and officials opened the George R. Brown convention center as a shelter.",
    "Governor Greg Abbott activated the Texas National Guard, and federal emergency teams arrived from "
    "several states to help the flooded neighbourhoods along Buffalo Bayou.",
]


def page(title: str, paras: list[str], site: str, byline: str | None = None) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    by = f'<p class="byline">{html.escape(byline)}</p>' if byline else ""
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>"
        f'<meta property="og:site_name" content="{html.escape(site)}">'
        '<meta name="author" content="Staff Reporter">'
        '<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{by}{body}</article>"
        "<footer>Copyright 2026. All rights reserved.</footer></body></html>"
    ).encode()


def rss(base: str, links: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{u}</link><guid>{base}{u}</guid></item>" for t, u in links
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire</title>'
        f"<link>{base}/</link><description>t</description>{items}</channel></rss>"
    ).encode()


class NewsServer:
    """Start with ``NewsServer()``; ``.url(path)``; ``.hits`` counts requests per path; ``.close()``."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k.replace("_", "-"), v)
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                outer.hits[path] += 1
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    outer.route(self, path)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                # Clients that give up mid-request (timeouts, size limits) are what the tests provoke.
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def route(self, h, path: str) -> None:
        base = self.base
        if path == "/kim-1.html":
            h.send(200, page("Kim Jong Un visits Beijing", KIM_1, "Daily Planet"))
        elif path == "/kim-2.html":
            h.send(200, page("Kim leaves Beijing after talks with Xi", KIM_2, "Evening Star"))
        elif path == "/flood.html":
            h.send(200, page("Harvey floods Houston", FLOOD, "Gulf Times"))
        elif path == "/wire/kim-copy.html":  # a reprint of kim-1 with a byline, at another outlet
            h.send(
                200, page("Kim Jong Un visits Beijing", KIM_1, "Morning Post", byline="By Jane Doe, Associated Press")
            )
        elif path == "/feed.xml":
            etag = '"feed-v1"'
            if h.headers.get("If-None-Match") == etag:
                self.conditional[path] += 1
                h.send(304, etag=etag)
                return
            links = [("Kim visits", "/kim-1.html"), ("Kim leaves", "/kim-2.html"), ("Kim leaves", "/kim-2.html")]
            links += [("Harvey", "/flood.html"), ("Gone", "/404.html")]
            h.send(200, rss(base, links), "application/rss+xml", ETag=etag)
        elif path == "/atom.xml":
            body = (
                '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                f'<entry><title>Copy</title><link href="{base}/wire/kim-copy.html"/><id>1</id></entry></feed>'
            )
            h.send(200, body.encode(), "application/atom+xml")
        elif path == "/bad-feed.xml":
            h.send(200, b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>broken', "application/rss+xml")
        elif path == "/404.html":
            h.send(404, b"<html><body>Not found</body></html>")
        elif path == "/500.html":
            h.send(500, b"<html><body>Server error</body></html>")
        elif path == "/loop-a":
            h.send(302, location=base + "/loop-b")
        elif path == "/loop-b":
            h.send(302, location="/loop-a")
        elif path == "/to-metadata":
            h.send(302, location="http://169.254.169.254/latest/meta-data/")
        elif path == "/to-localhost":
            h.send(302, location=f"http://localhost:{self.server.server_address[1]}/kim-1.html")
        elif path == "/slow.html":
            time.sleep(2.0)
            h.send(200, page("Slow", FLOOD, "Slow"))
        elif path == "/report.pdf":
            h.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)) * 20, "application/pdf")
        elif path == "/photo.png":
            h.send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "text/html")  # lies about its type
        elif path == "/huge.html":
            size = 30 * 1024 * 1024
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(size))
            h.end_headers()
            chunk = b"<p>" + b"news " * 2000 + b"</p>"
            sent = 0
            while sent < size:
                h.wfile.write(chunk)
                sent += len(chunk)
        elif path == "/huge-chunked.html":  # no Content-Length: the cap must hold while reading
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"<p>" + b"news " * 20000 + b"</p>"
            for _ in range(300):  # 30 MB
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            h.wfile.write(b"0\r\n\r\n")
        elif path == "/no-text.html":
            h.send(200, b"<html><body><nav><a href='/'>Home</a></nav><div>Cookies?</div></body></html>")
        elif path == "/feeds.opml":
            body = (
                '<?xml version="1.0"?><opml version="2.0"><head><title>f</title></head><body>'
                f'<outline text="good" type="rss" xmlUrl="{base}/feed.xml"/>'
                '<outline text="bad" type="rss" xmlUrl="htp:/not a url"/>'
                f'<outline text="gone" type="rss" xmlUrl="{base}/missing-feed.xml"/>'
                "</body></opml>"
            )
            h.send(200, body.encode(), "text/x-opml")
        else:
            h.send(404, b"<html><body>Not found</body></html>")
