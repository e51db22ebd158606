"""Prefork children inherit the connection the worker opened before it forked."""

import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import redis
from celery import Celery
from celery.signals import worker_init
from sqlalchemy import create_engine, event, text

# Needs a Redis: REDIS_URL=redis://127.0.0.1:6379/0, and pip install "celery[redis]".
# The example starts a Celery worker with 2 prefork processes.

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
app = Celery(Path(__file__).stem, broker=REDIS_URL, backend=REDIS_URL)
# A queue of this run's own: other workers on the same Redis leave its tasks alone
app.conf.task_default_queue = os.environ.setdefault("CELERY_QUEUE", uuid.uuid4().hex)
redis_client = redis.Redis.from_url(REDIS_URL)

# Processes share the database: on SQLite, a file in the working directory
url = os.environ.get("DATABASE_URL", "sqlite:///app.db")
engine = create_engine(url)
SERVER_CONNECTION_ID = {
    "postgresql": "SELECT pg_backend_pid()",
    "mysql": "SELECT CONNECTION_ID()",
}.get(engine.dialect.name)


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    connection_record.info["opened in"] = os.getpid()


def meet_the_other_task(run):
    """Hold this task until the other one has started, in the other process."""
    redis_client.incr(run)
    redis_client.expire(run, 300)
    deadline = time.monotonic() + 60
    while int(redis_client.get(run)) < 2:
        if time.monotonic() > deadline:
            raise TimeoutError("the other task did not start")
        time.sleep(0.01)


@contextmanager
def worker_running():
    """Start a Celery worker for this file's tasks; stop it when the block ends."""
    node = f"{app.conf.task_default_queue}@localhost"
    command = [sys.executable, "-m", "celery", "--quiet", "-A", Path(__file__).stem]
    command += ["worker", "--pool=prefork", "--concurrency=2", "-n", node]
    # A worker on its own: no start-up exchange or events with other workers
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    with open("worker.log", "w") as log:
        worker = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[node], timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("no worker:\n" + Path("worker.log").read_text())
        yield worker
        # Stop it only once it holds no task, received or running: stopped before it
        # has read the pool's last result, it waits 30 s for the pool process to exit
        inspect = app.control.inspect([node], timeout=10)
        for tasks in (inspect.reserved, inspect.active):
            while (tasks() or {}).get(node):
                time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(timeout=60)


# --8<-- [start:steps]
@worker_init.connect
def check_database(**kwargs):
    # In the worker's main process, before it forks its pool processes. The
    # connection goes back to the engine's pool, and the pool is copied into
    # every child by the fork.
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


@app.task
def which_connection(run):
    meet_the_other_task(run)
    with redis_client.lock(f"{run}-lock", timeout=60):  # take turns on the database
        with engine.connect() as conn:
            server_connection = None
            if SERVER_CONNECTION_ID:
                server_connection = conn.scalar(text(SERVER_CONNECTION_ID))
            return {
                "process": os.getpid(),
                "opened in": conn.info["opened in"],
                "server connection": server_connection,
            }


if __name__ == "__main__":
    with worker_running() as worker:
        print("1. two tasks at once, one in each worker process")
        run = f"run-{uuid.uuid4().hex}"
        results = [which_connection.delay(run) for _ in range(2)]
        first, second = [result.get(timeout=60) for result in results]
        print("different processes:", first["process"] != second["process"])
        print("2. the connection each task got from the engine's pool")
        for number, task in enumerate((first, second), 1):
            inherited = task["opened in"] == worker.pid
            print(f"task {number}: opened by the worker's main process: {inherited}")
            assert inherited
        if SERVER_CONNECTION_ID:
            same = first["server connection"] == second["server connection"]
            print("both tasks on one server connection:", same)
            assert same
# --8<-- [end:steps]
