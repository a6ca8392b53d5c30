"""Throughput under gunicorn: 32 concurrent clients for a bounded time on the project list API
and on the floor view (``tests/bench/wsgi.py``), alternating, on the same server."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from .paths import PAGE

ROOT = Path(__file__).resolve().parents[2]
API = f"/api/v1/projects/?limit={PAGE}"
FLOOR = "/bench/floor/"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_cookie(username):
    from django.conf import settings
    from django.test import Client

    from governance.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _hammer(port, path, cookie, clients, seconds):
    """``clients`` threads request ``path`` for ``seconds``; latencies (ms) and error count."""
    deadline = time.perf_counter() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def worker():
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request(
                    "GET", path, headers={"Cookie": cookie, "Accept": "application/json"}
                )
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != 200:
                    failed += 1
                    continue
            except OSError:
                failed += 1
                continue
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - started


def _wait_for(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def throughput():
    from .__main__ import percentile

    clients = int(os.environ.get("BENCH_CLIENTS", "32"))
    seconds = float(os.environ.get("BENCH_SECONDS", "10"))
    workers = os.environ.get("BENCH_WORKERS", "3")
    port = _free_port()
    cookie = _session_cookie("km.member")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "tests.bench.wsgi:application",
            "--config",
            str(ROOT / "config" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        _wait_for(port)
        _hammer(port, API, cookie, 3, 2)  # warm every worker up
        _hammer(port, FLOOR, cookie, 3, 1)
        api, floor = ([], 0, 0.0), ([], 0, 0.0)
        for _ in range(2):  # alternate, so drift on a shared machine hits both
            for name in ("api", "floor"):
                latencies, errors, took = _hammer(
                    port, API if name == "api" else FLOOR, cookie, clients, seconds / 2
                )
                done = api if name == "api" else floor
                done[0].extend(latencies)
                merged = (done[0], done[1] + errors, done[2] + took)
                api, floor = (merged, floor) if name == "api" else (api, merged)
    finally:
        server.terminate()
        server.wait(timeout=30)
    rps = len(api[0]) / api[2]
    floor_rps = len(floor[0]) / floor[2]
    return [
        {
            "name": f"list API, {clients} clients (throughput)",
            "kind": "throughput",
            "median_ms": round(statistics.median(api[0]), 1) if api[0] else 0,
            "p95_ms": round(percentile(api[0], 0.95), 1) if api[0] else 0,
            "queries": "-",
            "floor_median_ms": round(statistics.median(floor[0]), 1) if floor[0] else 0,
            "ratio": round(rps / floor_rps, 2) if floor_rps else None,
            "target": 0.5,
            "rps": round(rps, 1),
            "floor_rps": round(floor_rps, 1),
            "errors": api[1],
            "floor_errors": floor[1],
            "workers": int(workers),
        }
    ]
