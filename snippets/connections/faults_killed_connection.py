"""A connection killed on the server fails once, and the pool replaces older ones."""

import itertools
import os
import sys
import time

from sqlalchemy import NullPool, create_engine, event, text
from sqlalchemy.exc import DBAPIError

# Needs PostgreSQL or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
admin = create_engine(url, poolclass=NullPool)  # a separate session, as a DBA would use
if admin.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
KILL = {"postgresql": "SELECT pg_terminate_backend(:id)", "mysql": "KILL :id"}
CONNECTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}
events = []


def kill(server_id, seconds=30):
    """End a session from the server side, and wait until it is gone."""
    with admin.connect() as conn:
        conn.execute(text(KILL[admin.dialect.name]), {"id": server_id})
    deadline = time.monotonic() + seconds
    while True:  # a new connection each time: PostgreSQL caches what it reports
        with admin.connect() as conn:
            if not conn.scalar(text(CONNECTED[admin.dialect.name]), {"id": server_id}):
                return
        assert time.monotonic() < deadline, f"session {server_id} is still there"
        time.sleep(0.1)


def make_engine(**options):
    """An engine whose pool prints its events, numbering its DBAPI connections."""
    engine = create_engine(url, **options)
    numbers = itertools.count(1)

    def show(event_name, record):
        events.append(f"{event_name} #{record.info['n']}")
        print("    pool:", events[-1])

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        record.info["n"] = next(numbers)
        show("connect", record)

    for name in ("checkout", "invalidate", "close"):
        event.listen(
            engine, name, lambda _, record, *args, name=name: show(name, record)
        )
    return engine


def driver_message(error):
    """The driver's error; for PyMySQL its code and message, without OS details."""
    if admin.dialect.name == "mysql":
        code, message = error.orig.args
        return f"{code} {message.split(' (')[0]}"
    return f"{type(error.orig).__name__}: {error.orig}"


def query(engine):
    """SELECT 1 on a connection from the pool; return the error, if any."""
    try:
        with engine.connect() as conn:
            print("  SELECT 1 ->", conn.scalar(text("SELECT 1")))
    except DBAPIError as error:
        invalidated = error.connection_invalidated
        print(f"  {type(error).__name__}, connection_invalidated={invalidated}")
        print("  driver:", driver_message(error))
        return error


# --8<-- [start:steps]
for number, pre_ping in ((1, False), (2, True)):
    print(f"{number}. create_engine(url, pool_pre_ping={pre_ping})")
    engine = make_engine(pool_pre_ping=pre_ping)
    first, second = engine.connect(), engine.connect()  # two in the pool
    victim = first.scalar(text(SERVER_ID[engine.dialect.name]))
    first.close()  # returned first, so the pool hands out #1 next
    second.close()
    print("  the server kills #1 while it is idle in the pool")
    kill(victim)
    events.clear()
    print("  next checkout:")
    error = query(engine)
    assert (error is None) == pre_ping  # pre-ping kept the error from the code
    print("  the checkout after it:")
    query(engine)
    assert "close #2" in events  # #2 worked, but was older than the failure
    print("  engine.dispose():")
    engine.dispose()
# --8<-- [end:steps]
