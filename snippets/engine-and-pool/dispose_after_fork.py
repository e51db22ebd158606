import multiprocessing
import os
import tempfile

from sqlalchemy import create_engine, event, exc, text

PARENT = os.getpid()
closed = []


def who():
    return "parent" if os.getpid() == PARENT else "child "


def parent_query():
    try:
        with engine.connect() as conn:
            print("    parent: SELECT 1 ->", conn.execute(text("SELECT 1")).scalar())
        return True
    except exc.DBAPIError as error:
        print(f"    parent: {type(error).__name__}, connection invalidated:",
              error.connection_invalidated)
        return False


def child(close):
    # The forked child starts with a copy of the parent's pool and its connections.
    print(f"    child : engine.dispose(close={close})")
    engine.dispose(close=close)
    print(f"    child : dispose() closed {len(closed)} inherited connection(s)")
    assert len(closed) == (1 if close else 0)
    with engine.connect() as conn:  # a new pool, so a new connection of its own
        conn.execute(text("SELECT 1"))
    engine.dispose()


with tempfile.TemporaryDirectory() as folder:
    engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{folder}/app.db"))

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        print(f"    {who()}: DBAPI connection opened")

    @event.listens_for(engine, "close")
    def on_close(dbapi_connection, connection_record):
        closed.append(who())

    print("1. the parent's pool holds one connection")
    assert parent_query()

    fork = multiprocessing.get_context("fork")  # POSIX only
    for number, close in ((2, False), (3, True)):
        print(f"{number}. fork a child that calls dispose(close={close})")
        process = fork.Process(target=child, args=(close,))
        process.start()
        process.join()
        assert process.exitcode == 0
        worked = parent_query()
        if not close:
            assert worked, "dispose(close=False) in a child must leave the parent alone"

    print("4. the parent again")
    assert parent_query()
    engine.dispose()
