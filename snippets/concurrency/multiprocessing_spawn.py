"""A spawned child builds its own engine: it inherits no connection from the parent."""

import multiprocessing
import os
import tempfile

from sqlalchemy import create_engine, event, text

if __name__ == "__main__":  # a spawned child imports this file as __mp_main__
    folder = tempfile.TemporaryDirectory()  # a SQLite file, which both processes open
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder.name}/spawn.db")


def remember_process(dbapi_connection, connection_record):
    connection_record.info["opened in"] = os.getpid()  # travels with the connection


def query_on(engine):
    """Run a query; return the process id of the process that opened its connection."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        return conn.info["opened in"]


# --8<-- [start:steps]
engine = create_engine(os.environ["DATABASE_URL"])  # runs again in each spawned child
event.listen(engine, "connect", remember_process)


def task(number):
    return query_on(engine)  # the child's own engine, from its own import


if __name__ == "__main__":
    spawn = multiprocessing.get_context("spawn")
    print("1. the parent runs a query: its connection stays in the engine's pool")
    query_on(engine)

    print("2. spawned children use the engine their import created")
    with spawn.Pool(2) as pool:
        opened_in = pool.map(task, range(4))
    parents = opened_in.count(os.getpid())
    print(f"    tasks on the parent's connection: {parents} of {len(opened_in)}")
    assert parents == 0

    print("3. the parent's engine, sent to a spawned child")
    try:
        spawn.Process(target=query_on, args=(engine,)).start()
    except AttributeError as error:
        print(f"    {type(error).__name__}: {error}")
    engine.dispose()
# --8<-- [end:steps]
