"""Each process has its own pool, so 3 processes need 3 x (pool_size + max_overflow)."""

import multiprocessing
import os
import sys
import time

from sqlalchemy import bindparam, create_engine, exc, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL or MariaDB in DATABASE_URL: the server counts the connections.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)

# A connection outside any pool reads the server's settings and counts connections
admin = create_engine(url, poolclass=NullPool).connect()
admin = admin.execution_options(isolation_level="AUTOCOMMIT")  # no stale snapshot
QUERIES = {
    "postgresql": {
        "max_connections": "SELECT current_setting('max_connections')::int",
        # slots only a superuser may take (PostgreSQL 16 adds reserved_connections)
        "reserved": "SELECT coalesce(sum(setting::int), 0) FROM pg_settings WHERE "
        "name IN ('superuser_reserved_connections', 'reserved_connections')",
        "open": "SELECT count(*) FROM pg_stat_activity "
        "WHERE backend_type = 'client backend'",
        "id": "SELECT pg_backend_pid()",
        "listed": "SELECT count(*) FROM pg_stat_activity WHERE pid IN :ids",
    },
    "mysql": {
        "max_connections": "SELECT @@max_connections",
        "reserved": "SELECT 0",
        "open": "SELECT variable_value FROM information_schema.global_status "
        "WHERE variable_name = 'THREADS_CONNECTED'",
        "id": "SELECT CONNECTION_ID()",
        "listed": "SELECT count(*) FROM information_schema.processlist "
        "WHERE id IN :ids",
    },
}[admin.dialect.name]


def server(name, **params):
    query = text(QUERIES[name])
    if params:
        query = query.bindparams(bindparam("ids", expanding=True))
    return int(admin.scalar(query, params))


def refusal(error):
    """The server's words, without the host and port that psycopg puts first."""
    message = str(error.orig)
    return message[message.find("FATAL:") :] if "FATAL:" in message else message


def start(count, pool_size, max_overflow):
    """Start `count` worker processes and wait until each has checked out what it
    could; returns (processes, what each reported)."""
    processes = [
        fork.Process(
            target=app_process, args=(pool_size, max_overflow, report, release)
        )
        for _ in range(count)
    ]
    for process in processes:
        process.start()
    return processes, [report.get(timeout=30) for _ in processes]


def listed_on_server(ids, expected=None):
    """How many of these connections the server lists. With expected, poll (up to
    30 s): a closed connection leaves the server's list a moment later."""
    deadline = time.monotonic() + 30
    while True:
        count = server("listed", ids=ids)
        if expected is None or count == expected or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


fork = multiprocessing.get_context("fork")
report, release = fork.Queue(), fork.Event()
PROCESSES = 3


# --8<-- [start:steps]
def app_process(pool_size, max_overflow, report, release):
    """One worker process (gunicorn, uvicorn, Celery): its own engine and pool, with
    every connection it may open checked out at once, as under full load."""
    engine = create_engine(url, pool_size=pool_size, max_overflow=max_overflow)
    held, ids, refused = [], [], None
    try:
        for _ in range(pool_size + max_overflow):
            held.append(engine.connect())
            ids.append(held[-1].scalar(text(QUERIES["id"])))
    except exc.OperationalError as error:
        refused = refusal(error)
    report.put((ids, refused))
    release.wait()  # hold them until the main process has counted
    for conn in held:
        conn.close()
    engine.dispose()


print("1. the budget, from the server's own settings")
max_connections = server("max_connections")
reserved = server("reserved")  # PostgreSQL keeps these for superusers
already_open = server("open")  # this admin connection and any other client
budget = max_connections - reserved - already_open
per_process = budget // PROCESSES
pool_size = per_process // 3  # kept open between bursts
max_overflow = per_process - pool_size  # opened under load, closed when returned
print("    per process: pool_size + max_overflow = budget // 3")
needed = PROCESSES * (pool_size + max_overflow)
print("    3 x (pool_size + max_overflow) <= budget:", needed <= budget)

print("2. three processes, each with every connection of its pool checked out")
workers, reports = start(PROCESSES, pool_size, max_overflow)
print("    every checkout succeeded:", not any(refused for _, refused in reports))
ids = [conn_id for got, _ in reports for conn_id in got]
listed = listed_on_server(ids)
print("    the server lists 3 x (pool_size + max_overflow):", listed == needed)
assert listed == needed

print("3. a fourth process with the same pool")
fourth, [(got, refused)] = start(1, pool_size, max_overflow)
print("    refused:", refused)
print("    it got all it asked for:", len(got) == pool_size + max_overflow)
assert len(got) < pool_size + max_overflow

print("4. every process closes its pool and ends")
release.set()
for process in workers + fourth:
    process.join()
print("    connections left on the server:", listed_on_server(ids + got, expected=0))
# --8<-- [end:steps]
admin.close()
