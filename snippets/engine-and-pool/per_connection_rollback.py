"""A SET in the connect event survives the pool's rollback only once it is committed."""

import os
import tempfile

from sqlalchemy import create_engine, event, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/setup.db")
# One setting per database, and the query that shows it
SETTINGS = {
    "sqlite": ("PRAGMA foreign_keys = ON", "PRAGMA foreign_keys"),
    "postgresql": ("SET statement_timeout = '500ms'", "SHOW statement_timeout"),
    "mysql": ("SET SESSION max_statement_time = 0.5", "SELECT @@max_statement_time"),
}


def print_resets(engine):
    @event.listens_for(engine, "reset")
    def on_reset(dbapi_connection, connection_record, reset_state):
        print("    pool: connection returned and rolled back")


def setting(engine, label):
    """Check a connection out of the pool, read the setting on it, return it."""
    with engine.connect() as conn:
        value = str(conn.scalar(text(SETTINGS[engine.dialect.name][1])))
        print(f"    {label} checkout, setting: {value}")
    return value


# --8<-- [start:steps]
def make_engine(commit):
    engine = create_engine(url, pool_size=1, max_overflow=0)
    setup = SETTINGS[engine.dialect.name][0]

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute(setup)  # with psycopg, this begins a transaction
        cursor.close()
        if commit:
            dbapi_connection.commit()

    print_resets(engine)
    return engine


for number, commit in ((1, False), (2, True)):
    print(f"{number}. the connect event runs the SET; commit() after it: {commit}")
    engine = make_engine(commit)
    first = setting(engine, "first")
    after = setting(engine, "next")
    print("    kept after the rollback:", after == first)
    # lost only on PostgreSQL without commit(): its SET is part of the transaction
    assert (after == first) == (commit or engine.dialect.name != "postgresql")
    engine.dispose()
# --8<-- [end:steps]
