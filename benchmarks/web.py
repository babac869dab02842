"""Load benchmark of `newsfuse serve` on loopback: cached story reads under 50 clients, and POST /api/summarize.

    PYTHONPATH=src python3 benchmarks/web.py                      # 50 clients x 60 s, then 20 summarize calls
    PYTHONPATH=src python3 benchmarks/web.py --clients 50 --duration 60 --summarize 20 --json web.json
    PYTHONPATH=src python3 benchmarks/web.py --tool wrk                 # same load from wrk (apt-get install wrk)
    PYTHONPATH=src python3 benchmarks/web.py --mixed                    # readers on the slider + writers, 60 s

Mixed run (``--mixed``): --readers clients (default 20) move the length slider of the stored story,
each request ``GET /api/stories/{id}/summary?words=N`` with N drawn uniformly from 10-400 (so most
lengths are not cached at first), every tenth one the story page ``GET /stories/{id}?words=N``, with
--think seconds between a response and the next request (default 0.15: the page's slider debounce,
the fastest a browser sends); at the same time --writers clients (default 5) post the 10 articles to
``POST /api/summarize`` (a new story each time, nothing cached), honouring ``Retry-After`` on a 503.
Pass: reads 0 errors and p99 < 250 ms; summaries only 200, or 503 with Retry-After.  The clients speak
HTTP/1.1 over raw asyncio streams (keep-alive), so the load generator costs little CPU next to the server.

1. Starts the real server (`python -m newsfuse serve`) in its own process on a free 127.0.0.1 port,
   with a fresh SQLite store holding one 10-article story (see --src) and the shipped example.
2. Warms the caches: the story JSON and its summaries at --words lengths.
3. Load: --clients concurrent httpx clients (one asyncio process) for --duration seconds, each
   looping over `GET /api/stories/{id}` and `GET /api/stories/{id}/summary?words=N` (cached); prints
   requests/s, latency p50/p95/p99/max and errors (any non-200 or transport error).
4. `POST /api/summarize` of the 10 articles as JSON, --summarize times in a row (each a new story,
   so nothing is cached but the loaded model): p50/p90/max.

Traffic only goes to 127.0.0.1; the run is bounded in time and stops by itself.  Figures depend on the
machine (2 shared cores here: the load generator and the server compete for them).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "multinews" / "val-full250.src"


def ten_articles(src: Path, n: int) -> list:
    """``n`` articles: the story of ``src`` with the most articles, topped up from the next largest ones."""
    from newsfuse.inputs import iter_multinews

    stories = sorted(iter_multinews(src), key=len, reverse=True)
    out = []
    for arts in stories:
        for a in arts:
            if len(out) < n:
                out.append(a)
    return [a.__class__(id=f"{k:03d}", text=a.text) for k, a in enumerate(out)]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))] if values else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to tell server cost from load-generator cost."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "serve", "--port", str(port), "--database", db, "--log-level", "error"],
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("newsfuse serve did not start within 30 s")


def load_wrk(base: str, paths: list[str], clients: int, duration: float) -> dict:
    """The same load with wrk (C, one thread): far cheaper on the client side, so closer to the server's cost."""
    import re
    import shutil

    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("web.py: error: wrk not found (apt-get install -y wrk), or use --tool httpx")
    script = Path(tempfile.mkdtemp(prefix="newsfuse-wrk-")) / "paths.lua"
    script.write_text(
        "local paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n"
        "local i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n",
        encoding="utf-8",
    )
    cmd = [wrk, "-t1", f"-c{clients}", f"-d{int(duration)}s", "--latency", "--timeout", "30s", "-s", str(script), base]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60).stdout

    def ms(label: str) -> float | None:
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        return round(float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)], 1)

    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    n = int(total.group(1)) if total else 0
    errors = {"non_2xx": int(bad.group(1))} if bad else {}
    if sock:
        errors["socket"] = sum(int(x) for x in sock.groups())
    return {
        "tool": "wrk",
        "clients": clients,
        "seconds": duration,
        "ok": n - sum(errors.values()),
        "errors": {k: v for k, v in errors.items() if v},
        "rps": round(n / duration, 1),
        "p50_ms": ms("50"),
        "p90_ms": ms("90"),
        "p99_ms": ms("99"),
    }


async def load(base: str, paths: list[str], clients: int, duration: float) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(k: int, http: httpx.AsyncClient) -> None:
        i = k
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = await http.get(path)
                await r.aread()
                if r.status_code != 200:
                    errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                    continue
            except httpx.HTTPError as err:
                errors[type(err).__name__] = errors.get(type(err).__name__, 0) + 1
                continue
            latencies.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(client(k, http) for k in range(clients)))
    wall = time.perf_counter() - t0
    ms = [x * 1000 for x in latencies]
    return {
        "tool": "httpx",
        "clients": clients,
        "seconds": round(wall, 1),
        "ok": len(ms),
        "errors": errors,
        "rps": round(len(ms) / wall, 1),
        "p50_ms": round(pct(ms, 50), 1),
        "p95_ms": round(pct(ms, 95), 1),
        "p99_ms": round(pct(ms, 99), 1),
        "max_ms": round(max(ms), 1) if ms else None,
    }


class RawHTTP:
    """One keep-alive HTTP/1.1 connection over asyncio streams: a load generator far cheaper than httpx."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"", kind: str = "") -> tuple[int, dict, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Length: {len(body)}\r\n"
        if kind:
            head += f"Content-Type: {kind}\r\n"
        for attempt in (1, 2):  # the server closes keep-alive connections idle for 5 s: then reconnect once
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            self.writer.write(head.encode() + b"\r\n" + body)
            line = await self.reader.readline()
            if line or attempt == 2:
                break
            await self.close()
        status = int(line.split()[1])
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            k, _, v = line.decode("latin-1").partition(":")
            headers[k.strip().lower()] = v.strip()
        if "content-length" in headers:
            data = await self.reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            parts = []
            while size := int((await self.reader.readline()).strip(), 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            data = b"".join(parts)
        if method == "HEAD":
            data = b""
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, data


async def mixed_load(
    base: str, sid: int, body: bytes, readers: int, writers: int, duration: float, think: float, seed: int = 0
) -> dict:
    """--readers slider clients and --writers summarize clients at once, for ``duration`` seconds."""
    host, port = base.split("//", 1)[1].rsplit(":", 1)
    rng = random.Random(seed)
    read_ms: list[float] = []
    page_ms: list[float] = []
    read_status: dict[str, int] = {}
    write_ms: list[float] = []
    write_status: dict[str, int] = {}
    no_retry_after = 0
    deadline = time.perf_counter() + duration

    def count(d: dict, key: str) -> None:
        d[key] = d.get(key, 0) + 1

    async def reader(k: int) -> None:
        conn = RawHTTP(host, int(port))
        n = 0
        while time.perf_counter() < deadline:
            words = rng.randint(10, 400)
            page = n % 10 == 9
            n += 1
            path = f"/stories/{sid}?words={words}" if page else f"/api/stories/{sid}/summary?words={words}"
            t0 = time.perf_counter()
            try:
                status, _, _ = await conn.request("GET", path)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as err:
                count(read_status, type(err).__name__)
                await conn.close()
                continue
            (page_ms if page else read_ms).append((time.perf_counter() - t0) * 1000)
            count(read_status, str(status))
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
        await conn.close()

    async def writer(k: int) -> None:
        nonlocal no_retry_after
        conn = RawHTTP(host, int(port))
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                status, headers, _ = await conn.request("POST", "/api/summarize", body, "application/json")
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as err:
                count(write_status, type(err).__name__)
                await conn.close()
                continue
            count(write_status, str(status))
            if status == 200:
                write_ms.append((time.perf_counter() - t0) * 1000)
            elif status == 503:
                if "retry-after" not in headers:
                    no_retry_after += 1
                await asyncio.sleep(min(float(headers.get("retry-after", 1)), max(0.0, deadline - time.perf_counter())))
        await conn.close()

    load0 = os.getloadavg()
    t0 = time.perf_counter()
    await asyncio.gather(*(reader(k) for k in range(readers)), *(writer(k) for k in range(writers)))
    wall = time.perf_counter() - t0
    load1 = os.getloadavg()
    every = sorted(read_ms + page_ms)
    read_errors = {k: v for k, v in read_status.items() if k != "200"}
    write_other = {k: v for k, v in write_status.items() if k not in {"200", "503"}}
    return {
        "readers": readers,
        "writers": writers,
        "think_s": think,
        "seconds": round(wall, 1),
        "reads": {
            "requests": len(every),
            "rps": round(len(every) / wall, 1),
            "status": read_status,
            "errors": sum(read_errors.values()),
            "p50_ms": round(pct(every, 50), 1),
            "p95_ms": round(pct(every, 95), 1),
            "p99_ms": round(pct(every, 99), 1),
            "max_ms": round(max(every), 1) if every else None,
            "summary_p99_ms": round(pct(read_ms, 99), 1),
            "page_p99_ms": round(pct(page_ms, 99), 1),
            "pages": len(page_ms),
        },
        "summaries": {
            "status": write_status,
            "other_than_200_or_503": sum(write_other.values()),
            "503_without_retry_after": no_retry_after,
            "ok_p50_s": round(pct(write_ms, 50) / 1000, 2) if write_ms else None,
            "ok_max_s": round(max(write_ms) / 1000, 2) if write_ms else None,
        },
        "loadavg_1m_before_after": [round(load0[0], 2), round(load1[0], 2)],
        "pass": not read_errors and pct(every, 99) < 250 and not write_other and not no_retry_after,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="Multi-News .src file for the 10-article story")
    ap.add_argument("--articles", type=int, default=10)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (at most 300)")
    ap.add_argument(
        "--tool", choices=["httpx", "wrk"], default="httpx", help="load generator: httpx (asyncio) or wrk (apt)"
    )
    ap.add_argument("--words", type=int, nargs="+", default=[60, 120, 200], help="summary lengths requested")
    ap.add_argument("--summarize", type=int, default=20, help="POST /api/summarize calls (0 skips)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--mixed", action="store_true", help="run the mixed readers + writers load instead")
    ap.add_argument("--readers", type=int, default=20, help="--mixed: slider clients")
    ap.add_argument("--writers", type=int, default=5, help="--mixed: summarize clients")
    ap.add_argument("--think", type=float, default=0.15, help="--mixed: seconds between a reader's requests")
    args = ap.parse_args()
    if not args.src.exists():
        sys.stderr.write(f"web.py: error: {args.src} not found (the Multi-News data lives in ../shared/data)\n")
        return 2
    duration = min(args.duration, 300.0)

    from newsfuse.inputs import read_articles
    from newsfuse.store import open_store

    articles = ten_articles(args.src, args.articles)
    n_words = sum(len(a.text.split()) for a in articles)
    tmp = tempfile.mkdtemp(prefix="newsfuse-web-bench-")
    db = f"sqlite:///{os.path.join(tmp, 'bench.db')}"
    with open_store(db) as store:
        first = store.save_article(articles[0])
        for a in articles[1:]:
            store.save_article(a, story_id=first.story_id)
        example, _ = read_articles([ROOT / "examples" / "kim-jong-un-beijing"])
        store.save_article(example[0])
    sid = first.story_id
    print(f"story {sid}: {len(articles)} articles, {n_words} words; server starting ...", flush=True)
    proc, base = start_server(db)
    result: dict = {"story_articles": len(articles), "story_words": n_words}
    try:
        paths = [f"/api/stories/{sid}"] + [f"/api/stories/{sid}/summary?words={w}" for w in args.words]
        t0 = time.perf_counter()
        for p in paths:
            r = httpx.get(base + p, timeout=120)
            r.raise_for_status()
        result["first_request_s"] = round(time.perf_counter() - t0, 2)
        print(f"caches warm ({result['first_request_s']} s, includes loading the model); load {duration:g} s ...")
        if args.mixed:
            body = json.dumps({"articles": [{"id": a.id, "text": a.text} for a in articles], "words": 120}).encode()
            server_cpu = cpu_seconds(proc.pid)
            mixed = asyncio.run(mixed_load(base, sid, body, args.readers, args.writers, duration, args.think))
            mixed["server_cpu_s"] = round(cpu_seconds(proc.pid) - server_cpu, 1)
            mixed["client_cpu_s"] = round(time.process_time(), 1)
            result["mixed"] = mixed
            print("mixed:", json.dumps(mixed))
            return _finish(args, result, proc)
        server_cpu, client_cpu = cpu_seconds(proc.pid), time.process_time()
        if args.tool == "wrk":
            result["load"] = load_wrk(base, paths, args.clients, duration)
        else:
            result["load"] = asyncio.run(load(base, paths, args.clients, duration))
        n = max(1, result["load"]["ok"])
        result["load"]["server_cpu_ms_per_request"] = round((cpu_seconds(proc.pid) - server_cpu) * 1000 / n, 2)
        if args.tool == "httpx":  # wrk runs in its own process; this one only waits
            result["load"]["client_cpu_ms_per_request"] = round((time.process_time() - client_cpu) * 1000 / n, 2)
        print("cached reads:", json.dumps(result["load"]))
        if args.summarize:
            body = {"articles": [{"id": a.id, "text": a.text} for a in articles], "words": 120}
            times = []
            with httpx.Client(base_url=base, timeout=120) as http:
                for _ in range(args.summarize):
                    t = time.perf_counter()
                    r = http.post("/api/summarize", json=body)
                    r.raise_for_status()
                    times.append(time.perf_counter() - t)
            result["summarize"] = {
                "calls": len(times),
                "p50_s": round(statistics.median(times), 3),
                "p90_s": round(pct(times, 90), 3),
                "max_s": round(max(times), 3),
            }
            print("POST /api/summarize (10 articles):", json.dumps(result["summarize"]))
    finally:
        _stop(proc)
    return _finish(args, result, proc)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _finish(args: argparse.Namespace, result: dict, proc: subprocess.Popen) -> int:
    _stop(proc)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result.get("mixed", {}).get("pass", True) else 1


if __name__ == "__main__":
    sys.exit(main())
