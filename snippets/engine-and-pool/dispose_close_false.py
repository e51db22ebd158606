"""dispose(close=False) drops the idle connections; garbage collection closes them."""

import gc
import os
import sys
import time

from sqlalchemy import NullPool, bindparam, create_engine, event, text

# Needs PostgreSQL or MariaDB, which can count the open connections: elsewhere it stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
engine = create_engine(url)
admin = create_engine(url, poolclass=NullPool)  # looks from the server side
SERVER_ID = {"postgresql": "pg_backend_pid()", "mysql": "CONNECTION_ID()"}
SESSIONS = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid IN :ids",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id IN :ids",
}
server_ids = []  # the server's id of each DBAPI connection the pool opened


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SELECT {SERVER_ID[engine.dialect.name]}")
        server_ids.append(cursor.fetchone()[0])


def open_sessions(expected=None, seconds=30):
    """Count this engine's sessions on the server (waiting for `expected`)."""
    query = text(SESSIONS[engine.dialect.name]).bindparams(
        bindparam("ids", server_ids, expanding=True)
    )
    deadline = time.monotonic() + seconds
    while True:
        with admin.connect() as conn:
            count = conn.scalar(query)
        if expected in (None, count) or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


gc.disable()  # the collector runs at step 3, not whenever allocations trigger it

# --8<-- [start:steps]
print("1. two connections returned to the pool")
first, second = engine.connect(), engine.connect()
first.close()
second.close()
print("    open on the server:", open_sessions())

print("2. engine.dispose(close=False): the pool forgets them, open")
engine.dispose(close=False)
print("    open on the server:", open_sessions())

print("3. garbage collection: the driver closes them")
gc.collect()
still_open = open_sessions(expected=0)  # the server ends them soon after
print("    open on the server:", still_open)
assert still_open == 0
# --8<-- [end:steps]
engine.dispose()
