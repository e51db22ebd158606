"""With asyncpg, a serialization failure is a DBAPIError but not an OperationalError."""

import asyncio
import os
import sys

from sqlalchemy import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Needs PostgreSQL and the asyncpg driver (pip install asyncpg): elsewhere it stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
url = make_url(url).set(drivername="postgresql+asyncpg")


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


async def another_request_adds_50(engine):
    async with AsyncSession(engine) as other:
        (await other.get(Account, 1)).balance += 50
        await other.commit()


# --8<-- [start:steps]
async def steps(engine):
    print("REPEATABLE READ: read 100; another request adds 50; subtract 30")
    repeatable_read = engine.execution_options(isolation_level="REPEATABLE READ")
    async with AsyncSession(repeatable_read) as session:
        account = await session.get(Account, 1)  # the transaction's first read
        await another_request_adds_50(engine)  # committed before this session writes
        account.balance -= 30
        try:
            await session.commit()
        except DBAPIError as error:
            print("commit():", type(error).__name__)
            print("    " + str(error).splitlines()[0])
            print("    sqlstate:", error.orig.sqlstate)
            is_operational = isinstance(error, OperationalError)
            print("    an OperationalError:", is_operational)
            assert not is_operational  # `except OperationalError` would miss it


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        async with AsyncSession(engine) as session:
            session.add(Account(id=1, balance=100))
            await session.commit()
        await steps(engine)
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
