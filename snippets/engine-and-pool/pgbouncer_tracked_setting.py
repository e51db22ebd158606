"""PgBouncer keeps track of a few settings, such as TimeZone: they follow the client."""

import os
import sys

from sqlalchemy import create_engine, text

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

engine = create_engine(bouncer_url)
# The PostgreSQL process that runs a statement: the server connection
SERVER = text("SELECT pg_backend_pid()")
TIMEZONE = text("SHOW TimeZone")

# --8<-- [start:steps]
with engine.connect() as first, engine.connect() as second:
    print("1. first: SET TimeZone, and commit")
    first.execute(text("SET TimeZone = 'Asia/Tokyo'"))
    server = first.scalar(SERVER)
    first.commit()  # PgBouncer takes the server connection back

    print("2. second, next transaction")
    print("same server connection as first:", second.scalar(SERVER) == server)
    leaked = second.scalar(TIMEZONE) == "Asia/Tokyo"
    print("sees first's TimeZone:", leaked)
    assert not leaked  # PgBouncer set second's own TimeZone on it

    print("3. first, while second holds that server connection")
    print("TimeZone:", first.scalar(TIMEZONE))  # PgBouncer set first's on another one
    first.rollback()
    second.rollback()
# --8<-- [end:steps]
