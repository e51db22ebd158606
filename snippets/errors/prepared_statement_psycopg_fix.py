"""With prepare_threshold=None, psycopg prepares nothing that PgBouncer could mix up."""

import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

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

QUERY = text("SELECT :n + 1")
PREPARED = text("SELECT count(*) FROM pg_prepared_statements")


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
engine = create_engine(bouncer_url, connect_args={"prepare_threshold": None})

with engine.connect() as first, engine.connect() as second:
    print("1. the first client connection runs the same query six times")
    print("    " + run_six_times(first))
    first.commit()

    print("2. the second client connection does the same, in its own transaction")
    print("    " + run_six_times(second))
    count = second.scalar(PREPARED)
    print("    prepared statements on its server connection:", count)
    assert count == 0

    print("3. the first again, while the second holds that server connection")
    first.execute(QUERY, {"n": 7})
    print("    query ran")
    first.rollback()
    second.rollback()
# --8<-- [end:steps]
