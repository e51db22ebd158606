"""With --preload, gunicorn workers share the connection the app opened at import."""

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import create_engine, text

# Needs: pip install gunicorn flask, and PostgreSQL or MariaDB in DATABASE_URL. The
# example runs this file as the app of a gunicorn server with 2 workers on 127.0.0.1.

url = os.environ.get("DATABASE_URL", "sqlite://")
if __name__ == "__main__" and url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
MODULE = os.path.splitext(os.path.basename(__file__))[0]  # gunicorn imports this file
BACKEND_ID = {
    "postgresql": "SELECT pg_backend_pid()",
    "mysql": "SELECT CONNECTION_ID()",
}


@contextmanager
def one_worker_at_a_time():
    """A lock the workers share: two processes never use one connection at once."""
    with open(os.path.join(os.environ["CHANNEL"], "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def wait_for_a_second_worker():
    """Check in, then wait until another worker has checked in too: two requests
    that both wait here cannot be served by one sync worker."""
    workers = os.path.join(os.environ["CHANNEL"], "workers")
    open(os.path.join(workers, str(os.getpid())), "w").close()
    deadline = time.monotonic() + 20
    while len(os.listdir(workers)) < 2:
        if time.monotonic() > deadline:
            raise RuntimeError("no second worker took a request")
        time.sleep(0.01)


def two_requests_at_once(*arguments):
    """Start gunicorn with these arguments on a free port of 127.0.0.1, send two
    requests to /backend at once, stop the server; return the two answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    channel = tempfile.TemporaryDirectory()  # what the workers share: lock, check-ins
    os.mkdir(os.path.join(channel.name, "workers"))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", *arguments]
        + ["--log-level", "warning", "--no-control-socket"],
        env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.abspath(__file__))}
        | {"CHANNEL": channel.name},
        stdout=subprocess.DEVNULL,
    )

    def get(path):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
            return json.loads(r.read())

    try:
        deadline = time.monotonic() + 30
        while True:  # poll until the server answers (here: 404 Not Found)
            try:
                get("/")
            except urllib.error.HTTPError:
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.05)
        with ThreadPoolExecutor(2) as requests:
            return list(requests.map(get, ["/backend", "/backend"]))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        channel.cleanup()


# --8<-- [start:steps]
engine = create_engine(url)
with engine.connect() as conn:  # at import time, e.g. to check the database
    conn.execute(text("SELECT 1"))  # then the connection waits in the pool

app = Flask(__name__)


@app.get("/backend")
def backend():
    with one_worker_at_a_time(), engine.connect() as conn:
        backend_id = conn.scalar(text(BACKEND_ID[engine.dialect.name]))
    wait_for_a_second_worker()
    return {"worker": os.getpid(), "backend": backend_id}


if __name__ == "__main__":
    print("1. gunicorn --preload -w 2: the master imports the app, then forks")
    first, second = two_requests_at_once("--preload", "-w", "2", f"{MODULE}:app")
    print("    two workers:", first["worker"] != second["worker"])
    same = first["backend"] == second["backend"]
    print("    same database connection:", same)
    assert same

    print("2. gunicorn -w 2: each worker imports the app itself")
    first, second = two_requests_at_once("-w", "2", f"{MODULE}:app")
    print("    two workers:", first["worker"] != second["worker"])
    same = first["backend"] == second["backend"]
    print("    same database connection:", same)
    assert not same
# --8<-- [end:steps]
