"""In transaction mode, a SET stays on PgBouncer's server connection, not on yours."""

import atexit
import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

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

APP = "pgbouncer_session_state"  # how PostgreSQL names this example's connections
engine = create_engine(bouncer_url, connect_args={"application_name": APP})
postgresql = create_engine(url, poolclass=NullPool)  # straight to PostgreSQL
USED = "SELECT pid FROM pg_stat_activity WHERE application_name = :app"


@atexit.register
def end_server_connections():
    """PostgreSQL ends the server connections this example used, and the setting
    with them: PgBouncer's next client must not get it."""
    with postgresql.connect() as conn:
        for pid in conn.scalars(text(USED), {"app": APP}).all():
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    while True:
        with postgresql.connect() as conn:
            if not conn.scalars(text(USED), {"app": APP}).all():
                break


def timeout(conn) -> str:
    return conn.scalar(text("SHOW statement_timeout"))


# --8<-- [start:steps]
with engine.connect() as first, engine.connect() as second:
    print("1. SET LOCAL: the setting ends with the transaction")
    first.execute(text("SET LOCAL statement_timeout = '5s'"))
    print("first, same transaction:", timeout(first))
    first.commit()
    print("second, next transaction:", timeout(second))
    second.rollback()

    print("2. SET: the setting stays on PgBouncer's server connection")
    first.execute(text("SET statement_timeout = '5s'"))
    first.commit()  # PgBouncer takes the server connection back, setting and all
    print("first, next transaction:", timeout(first))  # no one took it in between
    first.rollback()
    leaked = timeout(second)  # the next transaction gets that server connection
    print("second, next transaction:", leaked)
    assert leaked == "5s"
    print("first, while second holds that server connection:", timeout(first))
    first.rollback()
    second.rollback()
# --8<-- [end:steps]
