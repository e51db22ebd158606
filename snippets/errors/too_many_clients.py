"""With every connection slot taken, the server refuses the next connection."""

import os
import sys
import time

from sqlalchemy import create_engine, exc, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL or MariaDB in DATABASE_URL, with a user that may take every
# connection slot: a PostgreSQL superuser such as postgres, or MariaDB's root.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)

# NullPool: each connect() opens a new connection to the server, as a pool would
engine = create_engine(url, poolclass=NullPool)
admin = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
QUERIES = {
    "postgresql": {
        "max_connections": "SELECT current_setting('max_connections')::int",
        "open": "SELECT count(*) FROM pg_stat_activity "
        "WHERE backend_type = 'client backend'",
    },
    "mysql": {
        "max_connections": "SELECT @@max_connections",
        "open": "SELECT variable_value FROM information_schema.global_status "
        "WHERE variable_name = 'THREADS_CONNECTED'",
    },
}[engine.dialect.name]


def server(name):
    return int(admin.scalar(text(QUERIES[name])))


def server_words(error):
    """The driver's message from the server's words on: psycopg puts the host and
    port first."""
    message = str(error.orig)
    return message[message.find("FATAL:") :] if "FATAL:" in message else message


def compared_to(limit, count):
    """'max_connections', 'max_connections + 1', 'max_connections - 3', ..."""
    difference = count - limit
    if not difference:
        return "max_connections"
    return f"max_connections {'+' if difference > 0 else '-'} {abs(difference)}"


def connect_when_a_slot_is_free(deadline_seconds=30):
    """A closed connection frees its slot a moment later, when the server has
    ended it: try again until the server accepts."""
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            return engine.connect()
        except exc.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


max_connections = server("max_connections")

# --8<-- [start:steps]
print("1. open connections until the server refuses one (at most 1000)")
held = []
try:
    for _ in range(1000):
        held.append(engine.connect())
except exc.OperationalError as error:
    name, orig = f"{type(error).__module__}.{type(error).__name__}", type(error.orig)
    print(f"{name}: ({orig.__module__}.{orig.__name__})")
    print("   ", server_words(error))
open_when_refused = server("open")
print("    open when refused:", compared_to(max_connections, open_when_refused))
assert open_when_refused >= max_connections

print("2. close them: a new connection gets in again")
for conn in held:
    conn.close()
with connect_when_a_slot_is_free() as conn:
    print("    SELECT 1 ->", conn.scalar(text("SELECT 1")))
# --8<-- [end:steps]
admin.close()
