"""After a server idle timeout, pool_recycle or pool_pre_ping keeps the error away."""

import itertools
import os
import sys
import time

from sqlalchemy import NullPool, create_engine, event, text
from sqlalchemy.exc import DBAPIError

# Needs PostgreSQL 14+ or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
admin = create_engine(url, poolclass=NullPool)  # a separate session to watch the server
if admin.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
IDLE_TIMEOUT = {  # for this session only, so that later connections are not affected
    "postgresql": "SET idle_session_timeout = '3s'",
    "mysql": "SET SESSION wait_timeout = 3",
}
CONNECTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}


def make_engine(**options):
    """An engine whose pool prints its events, numbering its DBAPI connections."""
    engine = create_engine(url, **options)
    numbers = itertools.count(1)

    def show(event_name, record):
        print(f"    pool: {event_name} #{record.info['n']}")

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        record.info["n"] = next(numbers)
        show("connect", record)

    for name in ("checkout", "invalidate", "close"):
        event.listen(
            engine, name, lambda _, record, *args, name=name: show(name, record)
        )
    return engine


def leave_idle_until_the_server_closes_it(engine, seconds=30):
    """Use #1 once with a 3 s idle timeout, then wait until the server ends it."""
    with engine.connect() as conn:
        server_id = conn.scalar(text(SERVER_ID[engine.dialect.name]))
        conn.execute(text(IDLE_TIMEOUT[engine.dialect.name]))
        conn.commit()  # on PostgreSQL a SET that is rolled back is undone
    deadline = time.monotonic() + seconds
    while True:  # a new connection each time: PostgreSQL caches what it reports
        with admin.connect() as conn:
            if not conn.scalar(text(CONNECTED[admin.dialect.name]), {"id": server_id}):
                return
        assert time.monotonic() < deadline, f"session {server_id} is still there"
        time.sleep(0.1)


def driver_message(error):
    """The driver's error; for PyMySQL its code and message, without OS details."""
    if admin.dialect.name == "mysql":
        code, message = error.orig.args
        return f"{code} {message.split(' (')[0]}"
    return f"{type(error.orig).__name__}: {error.orig}"


# --8<-- [start:steps]
DEFENCES = [
    ("", {}),
    (", pool_recycle=2", {"pool_recycle": 2}),  # below the 3 s idle timeout
    (", pool_pre_ping=True", {"pool_pre_ping": True}),
]
for number, (arguments, options) in enumerate(DEFENCES, 1):
    print(f"{number}. create_engine(url{arguments})")
    engine = make_engine(**options)
    leave_idle_until_the_server_closes_it(engine)
    print("  the server has closed #1 (idle for more than 3 s)")
    try:
        with engine.connect() as conn:
            print("  SELECT 1 ->", conn.scalar(text("SELECT 1")))
        error = None
    except DBAPIError as caught:
        error = caught
        invalidated = error.connection_invalidated
        print(f"  {type(error).__name__}, connection_invalidated={invalidated}")
        print("  driver:", driver_message(error))
    assert (error is None) == bool(options)  # only the undefended engine failed
    print("  engine.dispose():")
    engine.dispose()
# --8<-- [end:steps]
