"""Behind PgBouncer, pool_pre_ping tests the client connection; PgBouncer the server."""

import os
import sys

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL (to end a server connection) and a PgBouncer in
# front of it in PGBOUNCER_URL, with pool_mode = transaction.

url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print(
        "this example needs PostgreSQL behind PgBouncer:"
        " set DATABASE_URL and PGBOUNCER_URL"
    )
    sys.exit(0)

engine = create_engine(bouncer_url, pool_size=1, pool_pre_ping=True)
postgresql = create_engine(url, poolclass=NullPool)  # straight to PostgreSQL
probe = create_engine(bouncer_url, poolclass=NullPool)  # a fresh client each time


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: client connection to PgBouncer opened")


@event.listens_for(engine, "invalidate")
def on_invalidate(dbapi_connection, connection_record, exception):
    print("    pool: client connection invalidated")


def postgresql_ends(pid: int) -> None:
    """PostgreSQL ends one of its connections, as a restart or a timeout would."""
    with postgresql.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    # Wait until PgBouncer has noticed: right after pg_terminate_backend, a checkout
    # can still land on that server connection, and its ping or query fails.
    alive = "SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"
    while True:  # until the process is gone
        with postgresql.connect() as conn:
            if not conn.scalar(text(alive), {"pid": pid}):
                break
    while True:  # then a fresh client through PgBouncer; if it got the ended server
        try:  # connection, it failed, PgBouncer dropped that one: try again
            with probe.connect() as conn:
                conn.execute(text("SELECT 1"))
                break
        except OperationalError:
            pass


# --8<-- [start:steps]
print("1. a query; the client connection goes back to the pool")
with engine.connect() as conn:
    client_before = conn.connection.dbapi_connection  # the connection to PgBouncer
    server_before = conn.scalar(text("SELECT pg_backend_pid()"))  # PostgreSQL's

print("2. PostgreSQL ends that server connection while it is idle")
postgresql_ends(server_before)

print("3. checkout: pool_pre_ping pings through PgBouncer, then a query")
with engine.connect() as conn:
    client_after = conn.connection.dbapi_connection
    server_after = conn.scalar(text("SELECT pg_backend_pid()"))
print("same client connection:", client_after is client_before)
assert client_after is client_before  # the ping found nothing wrong with it
print("same server connection:", server_after == server_before)
# --8<-- [end:steps]
