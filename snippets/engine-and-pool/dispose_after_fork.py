"""In a forked child, dispose(close=False) leaves the parent's connections alone."""

import multiprocessing
import os
import tempfile

from sqlalchemy import create_engine, event, exc, text

# Needs the fork start method (Linux, macOS): not Windows.
folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/fork.db")
engine = create_engine(url)
PARENT = os.getpid()
closed = []


def who():
    return "parent" if os.getpid() == PARENT else "child "


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print(f"    {who()}: DBAPI connection opened")


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    closed.append(who())


def parent_query():
    """SELECT 1 on the parent's pooled connection; False if it failed."""
    try:
        with engine.connect() as conn:
            print("    parent: SELECT 1 ->", conn.scalar(text("SELECT 1")))
        return True
    except exc.DBAPIError as error:
        name, invalidated = type(error).__name__, error.connection_invalidated
        print(f"    parent: {name}, connection_invalidated={invalidated}")
        return False


# --8<-- [start:steps]
def child(close):
    # The child starts with a copy of the parent's pool, sockets and all
    print(f"    child : engine.dispose(close={close})")
    engine.dispose(close=close)
    print(f"    child : closed {len(closed)} inherited connection(s)")
    with engine.connect() as conn:  # the new pool opens a connection of its own
        conn.execute(text("SELECT 1"))
    engine.dispose()


print("1. the parent's pool holds one connection")
parent_query()

fork = multiprocessing.get_context("fork")
for number, close in ((2, False), (3, True)):
    print(f"{number}. fork a child that calls dispose(close={close})")
    process = fork.Process(target=child, args=(close,))
    process.start()
    process.join()
    worked = parent_query()
    if not close:
        assert worked  # close=False in the child left the parent's connection

print("4. the parent again")
parent_query()
# --8<-- [end:steps]
engine.dispose()
