"""Unique names end 'already exists' but not 'does not exist' behind PgBouncer."""

import asyncio
import atexit
import os
import re
import subprocess
import sys
from uuid import uuid4

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL, a PgBouncer in front of it in PGBOUNCER_URL, with
# pool_mode = transaction, and pip install asyncpg. The example runs this file three
# times more, as three processes of an application.

url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print(
        "this example needs PostgreSQL behind PgBouncer:"
        " set DATABASE_URL and PGBOUNCER_URL"
    )
    sys.exit(0)

APP = "prepared_statement_asyncpg_name_func"  # how PostgreSQL names its connections
asyncpg_url = make_url(bouncer_url).set(drivername="postgresql+asyncpg")
QUERY = text("SELECT current_database()")
postgresql = create_engine(url, poolclass=NullPool)  # straight to PostgreSQL
USED = "SELECT pid FROM pg_stat_activity WHERE application_name = :app"


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


if sys.argv[1:2] != ["process"]:  # in the example's own process, not in the others
    atexit.register(end_server_connections)


def start_process(statement_cache_size: int) -> str:
    """Run this file as a new process of the application; return what it printed."""
    command = [sys.executable, __file__, "process", str(statement_cache_size)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return done.stdout


def traceback_line(error: DBAPIError) -> str:
    """The traceback's last line, with the statement's random name made readable."""
    line = f"sqlalchemy.exc.{type(error).__name__}: {str(error).splitlines()[0]}"
    return re.sub(r"__asyncpg_[0-9a-f-]{36}__", "__asyncpg_<uuid4>__", line)


# --8<-- [start:steps]
async def application(statement_cache_size: int):
    """What each process does: two client connections through PgBouncer."""
    engine = create_async_engine(
        asyncpg_url,
        poolclass=NullPool,  # as SQLAlchemy's documentation pairs it
        connect_args={
            "prepared_statement_name_func": lambda: f"__asyncpg_{uuid4()}__",
            "statement_cache_size": statement_cache_size,  # asyncpg's default: 100
            "server_settings": {"application_name": APP},
        },
    )
    try:
        async with engine.connect() as conn, engine.connect() as other:
            await conn.scalar(QUERY)  # prepared, and kept in SQLAlchemy's cache
            print("    query ran")
            await conn.commit()  # PgBouncer takes the server connection back
            await other.scalar(text("SELECT 1"))  # and lends it to the other client
            await conn.scalar(QUERY)  # the cached statement, on another server
            print("    the same query again ran")
    except DBAPIError as error:
        print("    " + traceback_line(error))
    finally:
        await engine.dispose()


if sys.argv[1:2] == ["process"]:  # in each process of the application
    asyncio.run(application(int(sys.argv[2])))
    sys.exit(0)

print("1. a process of the application: a query, then the same query again")
print(start_process(100), end="")

print("2. a second process: no clash of names, the same error")
printed = start_process(100)
print(printed, end="")
assert "does not exist" in printed

print("3. a third process, with statement_cache_size=0 as well")
printed = start_process(0)
print(printed, end="")
assert "does not exist" in printed  # the two settings do not combine
# --8<-- [end:steps]
