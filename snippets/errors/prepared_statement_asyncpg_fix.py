"""With statement_cache_size=0, asyncpg prepares nothing that PgBouncer could mix up."""

import asyncio
import os
import subprocess
import sys

from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

# Needs PostgreSQL in DATABASE_URL, a PgBouncer in front of it in PGBOUNCER_URL, with
# pool_mode = transaction, and pip install asyncpg. The example runs this file twice
# more, as two processes of an application.

url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print(
        "this example needs PostgreSQL behind PgBouncer:"
        " set DATABASE_URL and PGBOUNCER_URL"
    )
    sys.exit(0)

asyncpg_url = make_url(bouncer_url).set(drivername="postgresql+asyncpg")
QUERY = text("SELECT current_database()")
PREPARED = text("SELECT count(*) FROM pg_prepared_statements")


def start_process() -> str:
    """Run this file as a new process of the application; return what it printed."""
    command = [sys.executable, __file__, "process"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return done.stdout


# --8<-- [start:steps]
async def application():
    """What each process does: two client connections through PgBouncer."""
    engine = create_async_engine(asyncpg_url, connect_args={"statement_cache_size": 0})
    try:
        async with engine.connect() as conn, engine.connect() as other:
            await conn.scalar(QUERY)
            print("    query ran")
            await conn.commit()  # PgBouncer takes the server connection back
            await other.scalar(text("SELECT 1"))  # and lends it to the other client
            await conn.scalar(QUERY)  # on another server connection
            print("    the same query again ran")
            count = await conn.scalar(PREPARED)
            print("    prepared statements on its server connection:", count)
    except DBAPIError as error:
        print(
            f"    sqlalchemy.exc.{type(error).__name__}: {str(error).splitlines()[0]}"
        )
    finally:
        await engine.dispose()


if sys.argv[1:] == ["process"]:  # in each process of the application
    asyncio.run(application())
    sys.exit(0)

print("1. a process of the application: a query, then the same query again")
print(start_process(), end="")

print("2. a second process: the same")
printed = start_process()
print(printed, end="")
assert "prepared statements on its server connection: 0" in printed
# --8<-- [end:steps]
