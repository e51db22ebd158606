"""A forked child uses the parent's pooled connection unless it disposes of the pool."""

import multiprocessing
import os
import tempfile

from sqlalchemy import create_engine, event, text

# Needs the fork start method: Linux, or macOS when asked for explicitly; not Windows.
folder = tempfile.TemporaryDirectory()  # a SQLite file database: SQLite pools those too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/fork.db")
engine = create_engine(url)
PARENT = os.getpid()


@event.listens_for(engine, "connect")
def remember_process(dbapi_connection, connection_record):
    connection_record.info["opened in"] = os.getpid()  # travels with the connection


def parents_connection():
    """Run a query; was it sent on a connection that the parent process opened?"""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        return conn.info["opened in"] == PARENT


# --8<-- [start:steps]
def task(number):
    return parents_connection()


def fresh_pool():  # the Pool runs it first in each new child process
    engine.dispose(close=False)  # a new, empty pool; the parent's connection stays open


fork = multiprocessing.get_context("fork")
print("1. the parent runs a query: its connection stays in the engine's pool")
parents_connection()

print("2. a forked child uses the engine as it is")
with fork.Pool(1) as pool:
    parents = pool.apply(task, (1,))
print("    the parent's connection:", parents)
assert parents

print("3. forked children that call engine.dispose(close=False) first")
with fork.Pool(2, initializer=fresh_pool) as pool:
    answers = pool.map(task, range(4))
used = sum(answers)
print(f"    tasks on the parent's connection: {used} of {len(answers)}")
assert used == 0
# --8<-- [end:steps]
engine.dispose()
