"""Two asyncio tasks sharing one AsyncSession make it refuse one of their calls."""

import asyncio
import os
import tempfile

from sqlalchemy import String, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()
# DATABASE_URL must name an async driver, e.g. postgresql+psycopg://...
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/tasks.db")


async def outcome(call):
    """What one task's call on the session did."""
    try:
        await call
        return "ok"
    except InvalidRequestError as error:  # IllegalStateChangeError is one
        return f"{type(error).__name__}: {error}"


# --8<-- [start:steps]
async def two_tasks(engine, first, second):
    """gather() runs the first call until it waits for the database (here
    for a new connection: the pool is emptied first), then the second."""
    await engine.dispose()
    results = await asyncio.gather(outcome(first), outcome(second))
    print("    first:", results[0])
    print("    second:", results[1])


async def steps(engine):
    new_session = async_sessionmaker(engine)
    print("1. one AsyncSession, two tasks: a query and close()")
    async with new_session() as session:
        await two_tasks(engine, session.scalars(select(User)), session.close())

    print("2. one AsyncSession, two tasks: a query and commit()")
    async with new_session() as session:
        await two_tasks(engine, session.scalars(select(User)), session.commit())

    print("3. one AsyncSession, two tasks: flush() and flush()")
    async with new_session() as session:
        session.add(User(name="ada"))
        await two_tasks(engine, session.flush(), session.flush())

    print("4. the fix: each task opens a session of its own")

    async def own_session():
        async with new_session() as session:
            await session.scalars(select(User))

    await two_tasks(engine, own_session(), own_session())


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        await steps(engine)
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
