"""AsyncSession.begin() raises the same error once a query has begun the transaction."""

import asyncio
import os

from sqlalchemy import text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

url = os.environ.get("DATABASE_URL", "sqlite+aiosqlite://")


# --8<-- [start:steps]
async def steps(engine):
    async with AsyncSession(engine) as session:
        print("1. a query, then `async with session.begin():`")
        await session.execute(text("SELECT 1"))  # autobegin
        try:
            async with session.begin():
                pass
        except InvalidRequestError as error:
            print(f"{type(error).__name__}: {error}")
            assert "already begun" in str(error)

        print("2. commit() first, then begin()")
        await session.commit()
        async with session.begin():
            print("in a transaction:", session.in_transaction())


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(url)
    try:
        await steps(engine)
    finally:
        await engine.dispose()


asyncio.run(main())
