"""With a connection in the pool, SQLAlchemy does not stop close() during a query."""

import asyncio
import os
import tempfile

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

folder = tempfile.TemporaryDirectory()
# DATABASE_URL must name an async driver, e.g. postgresql+psycopg://...
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/tasks.db")


async def outcome(name, call):
    """Print what one task's call on the session did, when it is done."""
    try:
        await call
        result = "ok"
    except Exception as error:  # SQLAlchemy's errors, or the driver's own
        result = f"{type(error).__name__}: {error}"
    print(f"    {name}: {result}")
    return result


# --8<-- [start:steps]
async def main():
    engine = create_async_engine(url)
    new_session = async_sessionmaker(engine)
    async with new_session() as session:
        await session.scalar(select(1))  # leaves a connection in the pool

    @event.listens_for(engine.sync_engine, "checkin")
    def on_checkin(dbapi_connection, connection_record):
        print("    pool: connection returned")

    print("1. one AsyncSession, two tasks: a query and close()")
    async with new_session() as session:
        query, close = await asyncio.gather(
            outcome("query", session.scalar(select(1))),
            outcome("close()", session.close()),
        )
    assert not close.startswith("IllegalStateChangeError")  # the guard saw nothing
    await engine.dispose()


# --8<-- [end:steps]


asyncio.run(main())
