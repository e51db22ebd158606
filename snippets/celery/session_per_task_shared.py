"""A session shared by the tasks of a worker process passes one failure to the next."""

import atexit
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from celery import Celery
from celery.signals import task_postrun, task_prerun
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs a Redis: REDIS_URL=redis://127.0.0.1:6379/0, and pip install "celery[redis]".
# The example starts a Celery worker with one prefork process.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
app = Celery(Path(__file__).stem, broker=REDIS_URL, backend=REDIS_URL)
# A queue of this run's own: other workers on the same Redis leave its tasks alone
app.conf.task_default_queue = os.environ.setdefault("CELERY_QUEUE", uuid.uuid4().hex)
app.conf.worker_redirect_stdouts = False  # print() in a task goes to the worker log

# Processes share the database: on SQLite, a file in the working directory
url = os.environ.get("DATABASE_URL", "sqlite:///app.db")
engine = create_engine(url)  # the tasks' engine, used only in the worker


def say(text):
    print(f"    worker: {text}", flush=True)


@event.listens_for(engine, "commit")
def on_commit(conn):
    say("COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    say("ROLLBACK")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    say("connection returned to the pool")


@task_prerun.connect
def on_task_start(task, args, **kwargs):
    say(f"{task.__name__}({args[0]!r}) started")


@task_postrun.connect
def on_task_end(task, state, retval, **kwargs):
    error = f" ({type(retval).__name__})" if state == "FAILURE" else ""
    say(f"{task.__name__} ended: {state}{error}")


@contextmanager
def worker_running():
    """Start a Celery worker for this file's tasks; stop it when the block ends."""
    node = f"{app.conf.task_default_queue}@localhost"
    command = [sys.executable, "-m", "celery", "--quiet", "-A", Path(__file__).stem]
    command += ["worker", "--pool=prefork", "--concurrency=1", "-n", node]
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


def state(result):
    """SUCCESS or FAILURE, once the task has ended."""
    result.get(timeout=60, propagate=False)
    return result.state


# --8<-- [start:steps]
session = Session(engine)  # one session for every task this process runs: don't


@app.task
def add_user(name):
    session.add(User(name=name))
    session.commit()


if __name__ == "__main__":
    setup = create_engine(url)  # the example's own engine, without the events above
    Base.metadata.create_all(setup)
    atexit.register(Base.metadata.drop_all, setup)  # drop the tables at exit
    with worker_running():
        print("1. three tasks, one after the other, in the one worker process")
        for name in ("ada", "ada", "grace"):
            result = add_user.delay(name)
            print(f"add_user({name!r}):", state(result))
        error = result.result  # grace's exception, sent back by the result backend
        print("grace's error:", type(error).__name__)
        assert isinstance(error, PendingRollbackError)  # left by the task before
    print("2. what the worker printed")
    for line in Path("worker.log").read_text().splitlines():
        if line.startswith("    worker:"):
            print(line)
    print("3. the database")
    with Session(setup) as session:
        names = session.scalars(select(User.name).order_by(User.id)).all()
    print("names:", names)
# --8<-- [end:steps]
