"""`make loadtest`: the portal under gunicorn, with the demo data in a database of its own, and
32 locust clients (``tests/load/locustfile.py``) on the main pages and the API for 60 s.

It fails (exit status 1) on any request that fails or answers 5xx, on any "Internal Server
Error" the portal logs, and if the server dies; it prints the figures (requests, failures,
median and 95th percentile) in any case.

The database: with a PostgreSQL ``DATABASE_URL`` its server gets a fresh database beside it,
named after it with ``_loadtest`` (a name that already ends in ``loadtest`` is used as it is),
dropped and created anew, so the database of ``DATABASE_URL`` itself is never touched; without
one, ``var/loadtest.sqlite3``. ``REDIS_URL``, when set, is the portal's cache, throttle and
broker as in a deployment. ``LOADTEST_USERS`` (32), ``LOADTEST_SECONDS`` (60) and
``LOADTEST_WORKERS`` (gunicorn processes, 3) change the effort; ``LOADTEST_REUSE_DB=1`` keeps
the database the previous run loaded (to try a change of the locustfile quickly). The figures
are written to ``var/loadtest/`` (locust's CSV files and the server's log).
"""

import csv
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "loadtest"


def log(message):
    print(f"loadtest: {message}", flush=True)


def database_url():
    """The load test's own database: a fresh one beside ``DATABASE_URL``, or SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{ROOT / 'var' / 'loadtest.sqlite3'}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "portal"
    if not name.endswith("loadtest"):
        name = f"{name}_loadtest"
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(url):
    if url.startswith("sqlite:"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        return
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def portal_env(db_url, *, with_redis):
    """Local settings (the demo's passwords) with DEBUG off, as a deployment answers."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": db_url,
        "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # The demo's one REST client is all 8 token clients: the throttle counts, never refuses.
        "API_TOKEN_RATE": "1000000/hour",
        "LOG_LEVEL": "WARNING",
    }
    if not with_redis:
        env.pop("REDIS_URL", None)
    return env


def load_demo(db_url):
    """Migrations, reference and demo data; tasks in-process (no broker while loading)."""
    env = portal_env(db_url, with_redis=False)
    for command in (
        ["migrate", "--no-input", "--verbosity", "0"],
        ["load_reference_data", "--verbosity", "0"],
        ["load_demo_data"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, server, timeout=120):
    """Until the sign-in page answers 200 as many times as there are workers (each has
    loaded the application): start-up is not part of the figures."""
    deadline, answered = time.monotonic() + timeout, 0
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before it served")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            connection.request("GET", "/accounts/login/")
            status = connection.getresponse().status
            connection.close()
        except OSError:
            time.sleep(0.3)
            continue
        if status != 200:
            raise RuntimeError(f"the sign-in page answered {status}")
        answered += 1
        if answered >= 2 * workers():
            return
    raise RuntimeError("gunicorn did not start")


def workers():
    return int(os.environ.get("LOADTEST_WORKERS", os.environ.get("WEB_WORKERS", "3")))


def start_server(db_url, port, server_log):
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--config",
            str(ROOT / "config" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers()),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=portal_env(db_url, with_redis=True),
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_locust(port):
    prefix = OUT / "locust"
    for stale in OUT.glob("locust_*.csv"):
        stale.unlink()
    completed = subprocess.run(
        [
            str(BIN / "locust"),
            "--locustfile",
            str(ROOT / "tests" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            os.environ.get("LOADTEST_USERS", "32"),
            # Signing in hashes a password (PBKDF2, 1,000,000 rounds): 4 new clients a second.
            "--spawn-rate",
            "4",
            "--run-time",
            f"{os.environ.get('LOADTEST_SECONDS', '60')}s",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--exit-code-on-error",
            "1",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO")},
    )
    return completed.returncode, prefix


def read_csv(path):
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def main():
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    db_url = database_url()
    where = urlsplit(db_url)
    name = where.path.rsplit("/", 1)[-1]
    if os.environ.get("LOADTEST_REUSE_DB"):
        log(f"the database of the previous run ({where.scheme}: {name})")
    else:
        log(f"a fresh database ({where.scheme}: {name}) with the demo data")
        create_database(db_url)
        load_demo(db_url)
        log(f"demo data loaded in {time.monotonic() - started:.0f} s")
    # whitenoise warns on every start without it; the load test reads no static file.
    (ROOT / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)

    port = free_port()
    server_log_path = OUT / "server.log"
    with server_log_path.open("w") as server_log:
        server = start_server(db_url, port, server_log)
        try:
            wait_for(port, server)
            redis = "Redis" if os.environ.get("REDIS_URL") else "none"
            log(f"gunicorn on http://127.0.0.1:{port}/ (cache, throttle and broker: {redis})")
            locust_status, prefix = run_locust(port)
            server_alive = server.poll() is None
        finally:
            stop(server)

    stats = read_csv(Path(f"{prefix}_stats.csv"))
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    failures = read_csv(Path(f"{prefix}_failures.csv"))
    exceptions = read_csv(Path(f"{prefix}_exceptions.csv"))
    server_errors = [
        line.rstrip()
        for line in server_log_path.read_text(errors="replace").splitlines()
        if "Internal Server Error" in line or "WORKER TIMEOUT" in line
    ]

    problems = []
    if total is None or int(total["Request Count"]) == 0:
        problems.append("no request was made")
    elif int(total["Failure Count"]):
        problems.append(f"{total['Failure Count']} requests failed")
    for row in failures:
        problems.append(f"  {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")
    if exceptions:
        problems.append(f"{len(exceptions)} exceptions in the clients: {prefix}_exceptions.csv")
    if server_errors:
        problems.append(f"{len(server_errors)} server errors logged:")
        problems += [f"  {line}" for line in server_errors[:20]]
    if not server_alive:
        problems.append("gunicorn died during the run")
    if locust_status and not problems:
        problems.append(f"locust exited with status {locust_status}")

    if total is not None:
        log(
            "figures: {requests} requests, {failures} failures, {rps:.1f} requests/s, "
            "median {median} ms, 95th percentile {p95} ms, max {max:.0f} ms".format(
                requests=total["Request Count"],
                failures=total["Failure Count"],
                rps=float(total["Requests/s"]),
                median=total["50%"],
                p95=total["95%"],
                max=float(total["Max Response Time"]),
            )
        )
    log(f"total wall time {time.monotonic() - started:.0f} s; files in {OUT.relative_to(ROOT)}/")
    if problems:
        log("FAILED:")
        for problem in problems:
            print(f"  {problem}", flush=True)
        return 1
    log("passed: no server error, no failed request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
