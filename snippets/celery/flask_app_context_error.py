"""db.session in a Celery task with no Flask app context raises RuntimeError."""

import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from celery import Celery
from celery.signals import task_postrun
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Needs a Redis: REDIS_URL=redis://127.0.0.1:6379/0, and pip install "celery[redis]"
# flask-sqlalchemy. The example starts a Celery worker with 2 prefork processes.


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# Processes share the database: on SQLite, a file in the working directory
url = os.environ.get("DATABASE_URL", f"sqlite:///{os.path.abspath('app.db')}")
flask_app = Flask(__name__)
flask_app.config["SQLALCHEMY_DATABASE_URI"] = url
db.init_app(flask_app)

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
celery_app = Celery(Path(__file__).stem, broker=REDIS_URL, backend=REDIS_URL)
# A queue of this run's own: other workers on the same Redis leave its tasks alone
queue = os.environ.setdefault("CELERY_QUEUE", uuid.uuid4().hex)
celery_app.conf.task_default_queue = queue
celery_app.conf.worker_redirect_stdouts = False  # print() goes to the worker log


def say(text):
    print(f"    worker: {text}", flush=True)


@contextmanager
def worker_running():
    """Start a Celery worker for this file's tasks; stop it when the block ends."""
    node = f"{queue}@localhost"
    command = [sys.executable, "-m", "celery", "--quiet"]
    command += ["-A", f"{Path(__file__).stem}:celery_app", "worker"]
    command += ["--pool=prefork", "--concurrency=2", "-n", node]
    # A worker on its own: no start-up exchange or events with other workers
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    with open("worker.log", "w") as log:
        worker = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[node], timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("no worker:\n" + Path("worker.log").read_text())
        yield worker
        # Stop it only once it holds no task, received or running: stopped before it
        # has read the pool's last result, it waits 30 s for the pool process to exit
        inspect = celery_app.control.inspect([node], timeout=10)
        for tasks in (inspect.reserved, inspect.active):
            while (tasks() or {}).get(node):
                time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(timeout=60)


# --8<-- [start:steps]
@celery_app.task
def count_users():
    return db.session.scalar(select(func.count(User.id)))  # no app context here


@task_postrun.connect  # the clean-up old answers give, after every task
def remove_session(**kwargs):
    try:
        db.session.remove()
    except RuntimeError as error:
        say(f"task_postrun: db.session.remove(): {type(error).__name__}")


if __name__ == "__main__":
    with worker_running():
        print("1. a task that uses db.session")
        result = count_users.delay()
        try:
            result.get(timeout=60)
        except RuntimeError as error:
            print("the task raised:", type(error).__name__)
            for line in str(error).splitlines():
                print("    " + line if line else "")
        print("task state:", result.state)
        assert result.state == "FAILURE"
    print("2. what the worker printed")
    for line in Path("worker.log").read_text().splitlines():
        if line.startswith("    worker:"):
            print(line)
# --8<-- [end:steps]
