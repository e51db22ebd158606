"""Whether a pooled connection works in another event loop depends on the driver."""

import asyncio
import logging
import os

from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

# Each asyncio.run() is a new event loop, as each test is with pytest-asyncio.
# On PostgreSQL it tries asyncpg and psycopg, on MariaDB/MySQL aiomysql.

url = make_url(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
backend = url.get_backend_name()
DRIVERS = {"sqlite": ["aiosqlite"], "postgresql": ["asyncpg", "psycopg"]}


def short(error):
    """The error's class and the end of its message, without the Task reprs."""
    head, _, tail = str(error).rpartition("> ")
    return f"{type(error).__name__}: {'… ' if head else ''}{tail}"


class PrintPoolErrors(logging.Handler):
    """The pool logs, and does not raise, the errors of closing a connection."""

    def emit(self, record):
        print("    pool logged:", short(record.exc_info[1]))


logging.getLogger("sqlalchemy.pool").addHandler(PrintPoolErrors())
logging.getLogger("sqlalchemy.pool").propagate = False


async def select_one(engine):
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


# --8<-- [start:steps]
for driver in DRIVERS.get(backend, ["aiomysql"]):
    engine = create_async_engine(url.set(drivername=f"{backend}+{driver}"))
    event.listen(
        engine.sync_engine, "connect", lambda *args: print("    pool: new connection")
    )
    print(f"driver: {driver}")
    print("1. event loop 1 opens a connection; it goes back to the pool")
    asyncio.run(select_one(engine))
    print("2. event loop 2 takes the pooled connection")
    try:
        asyncio.run(select_one(engine))
        failed = False
        print("    works")
    except RuntimeError as error:
        failed = True
        print("   ", short(error))
    assert failed == (driver in ("asyncpg", "aiomysql"))
    print("3. event loop 3 disposes of the engine")
    asyncio.run(engine.dispose())
# --8<-- [end:steps]
