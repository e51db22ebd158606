"""Behind PgBouncer, pool_recycle replaces the client connection, not the server one."""

import os
import sys
import time

from sqlalchemy import create_engine, event, text

# Needs PostgreSQL in DATABASE_URL and a PgBouncer in front of it in PGBOUNCER_URL,
# with pool_mode = transaction.

url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print(
        "this example needs PostgreSQL behind PgBouncer:"
        " set DATABASE_URL and PGBOUNCER_URL"
    )
    sys.exit(0)

engine = create_engine(bouncer_url, pool_size=1, pool_recycle=1)


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: client connection to PgBouncer opened")


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    print("    pool: client connection to PgBouncer closed")


# --8<-- [start:steps]
print("1. a query")
with engine.connect() as conn:
    before = conn.scalar(text("SELECT pg_backend_pid()"))  # the server connection

time.sleep(1.5)  # the pooled connection is now older than pool_recycle=1
print("2. a query after pool_recycle seconds")
with engine.connect() as conn:
    after = conn.scalar(text("SELECT pg_backend_pid()"))
print("same server connection:", after == before)
assert after == before  # PgBouncer kept it; only the client connection was new
# --8<-- [end:steps]
