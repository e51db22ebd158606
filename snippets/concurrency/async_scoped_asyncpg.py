"""Two tasks sharing an AsyncSession on asyncpg: 'another operation is in progress'."""

import asyncio
import os
import sys

from sqlalchemy import String, make_url, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Needs a PostgreSQL server and the asyncpg driver (pip install asyncpg)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
url = make_url(url).set(drivername="postgresql+asyncpg")


async def outcome(call):
    """What one task's call on the session did."""
    try:
        await call
        return "ok"
    except DBAPIError as error:  # the driver's error, wrapped by SQLAlchemy
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"


# --8<-- [start:steps]
async def steps(new_session):
    async with new_session() as session:
        await session.scalars(select(User))  # the session holds a connection now
        print("1. one AsyncSession, two tasks: a query and commit()")
        results = await asyncio.gather(
            outcome(session.scalars(select(User))), outcome(session.commit())
        )
    print("    first:", results[0])
    print("    second:", results[1])
    assert "another operation is in progress" in results[1]


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        await steps(async_sessionmaker(engine))
    finally:
        await engine.dispose()  # also closes the connection the collision broke
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
