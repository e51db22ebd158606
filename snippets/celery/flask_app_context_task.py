"""A Task base class that runs each task in an app context makes db.session work."""

import atexit
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from celery import Celery, Task
from flask import Flask, appcontext_popped, appcontext_pushed
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Needs a Redis: REDIS_URL=redis://127.0.0.1:6379/0, and pip install "celery[redis]"
# flask-sqlalchemy. The example starts a Celery worker with one prefork process.


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
with flask_app.app_context():
    engine = db.engine  # the engine init_app() created; db.engine needs a context


def say(text):
    print(f"    worker: {text}", flush=True)


@appcontext_pushed.connect_via(flask_app)
def on_push(sender, **kwargs):
    say("app context pushed")


@flask_app.teardown_appcontext  # last registered, first run: before db.session.remove()
def on_teardown(exc):
    say("app context teardown")


@appcontext_popped.connect_via(flask_app)
def on_pop(sender, **kwargs):
    say("app context popped")


@event.listens_for(engine, "commit")
def on_commit(conn):
    say("COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    say("ROLLBACK")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    say("connection returned to the pool")


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# A queue of this run's own: other workers on the same Redis leave its tasks alone
queue = os.environ.setdefault("CELERY_QUEUE", uuid.uuid4().hex)


@contextmanager
def worker_running():
    """Start a Celery worker for this file's tasks; stop it when the block ends."""
    node = f"{queue}@localhost"
    command = [sys.executable, "-m", "celery", "--quiet"]
    command += ["-A", f"{Path(__file__).stem}:celery_app", "worker"]
    command += ["--pool=prefork", "--concurrency=1", "-n", node]
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
class AppContextTask(Task):
    """Runs every task inside an app context of the Flask app."""

    def __call__(self, *args, **kwargs):
        with flask_app.app_context():
            return super().__call__(*args, **kwargs)


celery_app = Celery(
    Path(__file__).stem, broker=REDIS_URL, backend=REDIS_URL, task_cls=AppContextTask
)
celery_app.conf.task_default_queue = queue
celery_app.conf.worker_redirect_stdouts = False  # print() goes to the worker log


@celery_app.task
def add_user(name):
    new_session = not db.session.info  # a session an earlier task used has its mark
    db.session.info["used by"] = name
    db.session.add(User(name=name))
    db.session.commit()
    users = db.session.scalar(select(func.count(User.id)))  # a new transaction
    return users, new_session


if __name__ == "__main__":
    setup = create_engine(url)  # the example's own engine, without the events above
    Base.metadata.create_all(setup)
    atexit.register(Base.metadata.drop_all, setup)  # drop the tables at exit
    with worker_running():
        print("1. two tasks, one after the other, in the one worker process")
        for name in ("ada", "grace"):
            users, new_session = add_user.delay(name).get(timeout=60)
            print(f"add_user({name!r}) -> users: {users}, new session: {new_session}")
        assert users == 2  # both tasks used db.session, each in its app context
        assert new_session  # the second task did not get the first task's session
    print("2. what the worker printed")
    for line in Path("worker.log").read_text().splitlines():
        if line.startswith("    worker:"):
            print(line)
# --8<-- [end:steps]
