"""asyncpg: connection was closed in the middle of operation, a disconnect error."""

import asyncio
import os
import sys
import time

from sqlalchemy import NullPool, event, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

# Needs PostgreSQL and the asyncpg driver (pip install asyncpg): elsewhere it stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
url = make_url(url).set(drivername="postgresql+asyncpg")


async def wait_for(admin, query, server_id, seconds=30):
    """Poll the server until the query finds something."""
    deadline = time.monotonic() + seconds
    while True:
        async with admin.connect() as conn:
            if await conn.scalar(text(query), {"id": server_id}):
                return
        assert time.monotonic() < deadline, f"nothing found for session {server_id}"
        await asyncio.sleep(0.05)


async def terminate(admin, server_id):
    async with admin.connect() as conn:
        await conn.execute(text("SELECT pg_terminate_backend(:id)"), {"id": server_id})


async def run(engine, sql):
    """Run one statement; print SQLAlchemy's error and asyncpg's."""
    try:
        async with engine.connect() as conn:
            print("    ->", await conn.scalar(text(sql)))
    except DBAPIError as error:  # the traceback's last line, then where it came from
        print(
            f"    sqlalchemy.exc.{type(error).__name__}: {str(error).splitlines()[0]}"
        )
        cause = type(error.orig.__cause__)  # the asyncpg exception
        print(f"    raised from {cause.__module__}.{cause.__name__}")
        print("    connection_invalidated:", error.connection_invalidated)
        return error


# --8<-- [start:steps]
async def steps(engine, admin):
    print("1. the server ends the session while a query runs (pg_terminate_backend)")
    async with engine.connect() as conn:
        server_id = await conn.scalar(text("SELECT pg_backend_pid()"))
    sleeping = (
        "SELECT 1 FROM pg_stat_activity WHERE pid = :id AND wait_event = 'PgSleep'"
    )

    async def kill_when_sleeping():
        await wait_for(admin, sleeping, server_id)
        await terminate(admin, server_id)

    killer = asyncio.create_task(kill_when_sleeping())
    error = await run(engine, "SELECT pg_sleep(30)")
    await killer
    assert "closed in the middle of operation" in str(error.orig)

    print("2. the server ends an idle pooled connection; asyncpg notices")
    async with engine.connect() as conn:
        server_id = await conn.scalar(text("SELECT pg_backend_pid()"))
        driver_connection = (await conn.get_raw_connection()).driver_connection
    await terminate(admin, server_id)
    gone = "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = :id)"
    await wait_for(admin, gone, server_id)  # until the server has ended it
    deadline = time.monotonic() + 30
    while not driver_connection.is_closed():  # until asyncpg has seen the end
        assert time.monotonic() < deadline, "asyncpg did not notice"
        await asyncio.sleep(0.05)
    await run(engine, "SELECT 1")

    print("3. the next checkout")
    await run(engine, "SELECT 1")


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(url)
    admin = create_async_engine(url, poolclass=NullPool)
    event.listen(
        engine.sync_engine, "connect", lambda *args: print("    pool: new connection")
    )
    try:
        await steps(engine, admin)
    finally:
        await engine.dispose()
        await admin.dispose()


asyncio.run(main())
