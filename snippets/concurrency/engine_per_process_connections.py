"""An engine per request leaves its connections open; one engine reuses its pool."""

import gc
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import bindparam, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

# Needs PostgreSQL or MariaDB in DATABASE_URL: the server counts the connections.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)

# A connection of its own, outside any pool, asks the server which connections it lists
admin = create_engine(url, poolclass=NullPool).connect()
admin = admin.execution_options(isolation_level="AUTOCOMMIT")  # no stale snapshot
BACKEND_ID = {
    "postgresql": "SELECT pg_backend_pid()",
    "mysql": "SELECT CONNECTION_ID()",
}
LISTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid IN :ids",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id IN :ids",
}
opened = []  # the server's id of every connection this example opens from here on


@event.listens_for(Engine, "connect")  # every engine, each new DBAPI connection
def remember(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute(BACKEND_ID[admin.dialect.name])
    opened.append(cursor.fetchone()[0])
    cursor.close()
    dbapi_connection.rollback()


def connections_on_server(expected=None):
    """How many of this example's connections the server lists. With expected, poll
    (up to 30 s) until it lists that many: a connection the client closed leaves the
    server's list a moment later, when its server process has ended."""
    listed = text(LISTED[admin.dialect.name]).bindparams(
        bindparam("ids", expanding=True)
    )
    deadline = time.monotonic() + 30
    while True:
        count = admin.scalar(listed, {"ids": opened})
        if expected is None or count == expected or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


five_at_a_time = threading.Barrier(5, timeout=30)  # 5 requests hold a connection


def serve_20_requests(handler):
    """20 requests in 5 threads, 5 at a time, like a web server's thread pool."""
    with ThreadPoolExecutor(5) as threads:
        for request in [threads.submit(handler) for _ in range(20)]:
            request.result()


# --8<-- [start:steps]
def request_with_its_own_engine():
    engine = create_engine(url)  # a new engine, with a new pool
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        five_at_a_time.wait()
    # not disposed: the pool keeps its connection open until the engine is collected


engine = create_engine(url)  # once per process; its pool holds up to 5 idle


def request_with_the_shared_engine():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        five_at_a_time.wait()


gc.disable()  # so that the count does not depend on when Python's collector runs
print("1. 20 requests, 5 at a time, each creating an engine")
serve_20_requests(request_with_its_own_engine)
count = connections_on_server()
print("    connections on the server:", count)
assert count == 20
gc.collect()
print("    after gc.collect():", connections_on_server(expected=0))

print("2. 20 requests, 5 at a time, with the engine created once")
serve_20_requests(request_with_the_shared_engine)
count = connections_on_server()
print("    connections on the server:", count)
assert count == 5
engine.dispose()
print("    after engine.dispose():", connections_on_server(expected=0))
gc.enable()
# --8<-- [end:steps]
admin.close()
