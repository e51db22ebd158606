"""With a connection in the pool, close() in the middle of a query raises nothing."""

import asyncio
import os
import tempfile

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

folder = tempfile.TemporaryDirectory()
# DATABASE_URL must name an async driver, e.g. postgresql+psycopg://...
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/tasks.db")


async def outcome(call):
    """What one task's call on the session did."""
    try:
        await call
        return "ok"
    except Exception as error:  # SQLAlchemy's errors, or the driver's own
        return f"{type(error).__name__}: {error}"


# --8<-- [start:steps]
async def main():
    engine = create_async_engine(url)
    new_session = async_sessionmaker(engine)
    async with new_session() as session:
        await session.scalar(select(1))  # leaves a connection in the pool

    print("1. one AsyncSession, two tasks: a query and close()")
    async with new_session() as session:
        results = await asyncio.gather(
            outcome(session.scalar(select(1))), outcome(session.close())
        )
    print("    first:", results[0])
    print("    second:", results[1])
    await engine.dispose()


# --8<-- [end:steps]


asyncio.run(main())
