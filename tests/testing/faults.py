"""Real faults for tests/security/test_faults.py: the test's own Redis, started, stopped and
started again; Celery workers in their own processes pointed at it (killed at will); a mail
server that accepts connections and never answers.

The fault tests run where ``REDIS_URL`` is set (CI's PostgreSQL leg, which also sets
``REQUIRE_CELERY_WORKER``); there anything they need that is missing (``redis-server``, a
PostgreSQL database the workers share) fails them instead of skipping them. Elsewhere (the
SQLite leg, a newcomer's ``make test``) they are skipped with a message saying how to run them.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from kombu import pools

from config.celery import app as celery_app

from .celery import ROOT, database_url

HOW_TO_RUN = (
    "The fault tests start their own redis-server and Celery workers on PostgreSQL: run them "
    "with REDIS_URL and a PostgreSQL DATABASE_URL set, as CI's second leg does."
)
#: Ports tried for the test's Redis: outside Linux's ephemeral range, so that no outgoing
#: connection takes the port while the server is stopped. ``FAULTS_REDIS_PORTS=6390-6399``
#: narrows it.
DEFAULT_PORTS = (21000, 21999)


def require_fault_conditions():
    """Skip without ``REDIS_URL`` (and without ``REQUIRE_CELERY_WORKER``); otherwise fail on
    whatever is missing."""
    if not os.environ.get("REDIS_URL") and not os.environ.get("REQUIRE_CELERY_WORKER"):
        pytest.skip(HOW_TO_RUN)
    missing = []
    if shutil.which("redis-server") is None:
        missing.append("redis-server (Debian: apt-get install redis-server)")
    if database_url() is None:
        missing.append("a PostgreSQL DATABASE_URL (the workers share the test database)")
    if missing:
        pytest.fail(f"Missing for the fault tests: {', '.join(missing)}. {HOW_TO_RUN}")


def wait_for(predicate, timeout, message, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(message)


def _port_range():
    spec = os.environ.get("FAULTS_REDIS_PORTS")
    if not spec:
        return DEFAULT_PORTS
    low, _, high = spec.partition("-")
    return int(low), int(high or low)


def _bindable(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _answers_ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """``redis-server`` on a port of its own, without persistence; ``stop`` ends the process
    (connections are then refused), ``start`` brings it back on the same port, empty."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.process = None
        low, high = _port_range()
        ports = list(range(low, high + 1))
        random.shuffle(ports)
        self.port = next((port for port in ports if _bindable(port)), None)
        if self.port is None:
            pytest.fail(f"No free port for the test's Redis in {low}-{high}.")

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.directory / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(
            lambda: self.process.poll() is not None or _answers_ping(self.port),
            20,
            f"redis-server did not start on port {self.port}",
        )
        if self.process.poll() is not None:
            pytest.fail(f"redis-server exited at start on port {self.port} (port taken?)")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        wait_for(lambda: not _answers_ping(self.port), 10, "redis-server still answers")


@pytest.fixture
def own_redis(tmp_path):
    """The test's own Redis, running; stopped for good at the end."""
    require_fault_conditions()
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _reset_connections(app):
    """Forget the app's broker and result connections, so the next task sent connects to what
    ``app.conf`` names now. kombu keeps its connection and producer pools in a registry keyed
    by address: they are all closed and the registry emptied (a closed pool left in it would
    be handed out again for the same address)."""
    pools.reset()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    if hasattr(app._local, "backend"):
        del app._local.backend


@contextmanager
def tasks_through(redis_url):
    """Tasks sent by this process go through ``redis_url`` (broker and results), as in a
    deployment, instead of running in-process."""
    keys = ("broker_url", "broker_read_url", "broker_write_url", "result_backend")
    saved = {key: celery_app.conf[key] for key in keys}
    saved_eager = celery_app.conf.task_always_eager
    celery_app.conf.update(
        broker_url=redis_url,
        broker_read_url=None,
        broker_write_url=None,
        result_backend=redis_url,
        task_always_eager=False,
    )
    _reset_connections(celery_app)
    try:
        yield
    finally:
        celery_app.conf.update(saved, task_always_eager=saved_eager)
        _reset_connections(celery_app)


class Workers:
    """Celery workers in their own processes, on the test's Redis and the test database."""

    def __init__(self, redis, directory):
        self.redis, self.directory = redis, Path(directory)
        self.processes = []

    def start(self, **env):
        number = len(self.processes)
        log = (self.directory / f"worker-{number}.log").open("w")
        environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        environment |= {
            "DATABASE_URL": database_url(),
            "REDIS_URL": self.redis.url(),
            "DJANGO_SETTINGS_MODULE": "tests.testing.fault_settings",
            "CELERY_WORKER_TEST": "1",
            **{key: str(value) for key, value in env.items()},
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "-n",
                f"faults-{number}-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        process.log_path = self.directory / f"worker-{number}.log"
        self.processes.append(process)
        wait_for(
            lambda: process.poll() is not None or " ready." in self.log(process),
            60,
            f"worker {number} did not get ready:\n{self.log(process)[-3000:]}",
        )
        if process.poll() is not None:
            pytest.fail(f"worker {number} exited at start:\n{self.log(process)[-3000:]}")
        return process

    @staticmethod
    def log(process):
        return process.log_path.read_text(errors="replace")

    @staticmethod
    def kill(process):
        """SIGKILL: the worker dies where it is, without acknowledging anything."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            sys.stdout.write(f"--- {process.log_path.name}\n{self.log(process)[-3000:]}\n")


@pytest.fixture
def workers(own_redis, transactional_db, tmp_path):
    """Start workers with ``workers.start(**env)``; this process's tasks go through the same
    Redis. Every worker is stopped at the end (its log printed, shown on failure)."""
    pool = Workers(own_redis, tmp_path)
    try:
        with tasks_through(own_redis.url()):
            yield pool
    finally:
        pool.stop_all()


class SilentMailServer:
    """A TCP server that accepts every connection and never says a word (no SMTP greeting):
    a mail server that hangs. Counts the connections, and those the client gave up on."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.abandoned = 0
        self.lock = threading.Lock()
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.accepted += 1
            threading.Thread(target=self._hold, args=(connection,), daemon=True).start()

    def _hold(self, connection):
        with connection:
            try:
                while connection.recv(1024):
                    pass  # whatever the client says, no answer
            except OSError:
                pass
        with self.lock:
            self.abandoned += 1

    def close(self):
        self.running = False
        self.sock.close()


@pytest.fixture
def silent_mail_server():
    server = SilentMailServer()
    try:
        yield server
    finally:
        server.close()
