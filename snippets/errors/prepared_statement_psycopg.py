"""Behind PgBouncer, two psycopg connections both prepare _pg3_0: already exists."""

import atexit
import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
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

APP = "prepared_statement_psycopg"  # how PostgreSQL names this example's connections
engine = create_engine(bouncer_url, connect_args={"application_name": APP})
postgresql = create_engine(url, poolclass=NullPool)  # straight to PostgreSQL
USED = "SELECT pid FROM pg_stat_activity WHERE application_name = :app"


@atexit.register
def end_server_connections():
    """PostgreSQL ends the server connections this example used, and the prepared
    statements on them: the next run starts clean."""
    with postgresql.connect() as conn:
        for pid in conn.scalars(text(USED), {"app": APP}).all():
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    while True:
        with postgresql.connect() as conn:
            if not conn.scalars(text(USED), {"app": APP}).all():
                break


QUERY = text("SELECT :n + 1")


def traceback_line(error: DBAPIError) -> str:
    return f"sqlalchemy.exc.{type(error).__name__}: {str(error).splitlines()[0]}"


def run_six_times(conn) -> str:
    """Run QUERY six times in one transaction; say how it went."""
    try:
        for n in range(1, 7):
            conn.execute(QUERY, {"n": n})
    except DBAPIError as error:
        conn.rollback()
        return f"run {n}: {traceback_line(error)}"
    return "six runs"


# --8<-- [start:steps]
with engine.connect() as first, engine.connect() as second:
    print("1. the first client connection runs the same query six times")
    print("    " + run_six_times(first))  # the sixth run prepares it, as "_pg3_0"
    first.commit()  # PgBouncer takes the server connection back, "_pg3_0" and all

    print("2. the second client connection does the same, in its own transaction")
    outcome = run_six_times(second)  # its sixth run prepares "_pg3_0" too
    print("    " + outcome)
    assert "already exists" in outcome

    print("3. the first again, while the second holds that server connection")
    second.execute(text("SELECT 1"))
    try:
        first.execute(QUERY, {"n": 7})  # psycopg runs the "_pg3_0" it prepared
    except DBAPIError as error:
        print("    " + traceback_line(error))
    first.rollback()
    second.rollback()
# --8<-- [end:steps]
