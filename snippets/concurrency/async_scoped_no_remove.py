"""Without remove(), async_scoped_session keeps the session of every finished task."""

import asyncio
import os
import tempfile

from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import (
    async_scoped_session,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file, so that the pool is a real queue
# DATABASE_URL must name an async driver, e.g. postgresql+psycopg://...
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/app.db")


# --8<-- [start:steps]
async def steps(engine):
    Session = async_scoped_session(
        async_sessionmaker(engine), scopefunc=asyncio.current_task
    )
    registry = Session.registry.registry  # {task: session}; not a public API

    async def request_without_remove():
        await Session.scalars(select(User))  # begins a transaction

    async def request_with_remove():
        try:
            await Session.scalars(select(User))
        finally:
            await Session.remove()

    print("1. ten requests, each a task that ends with await Session.remove()")
    for _ in range(10):
        await asyncio.create_task(request_with_remove())
    print("sessions in the registry:", len(registry))
    print("connections still checked out:", engine.pool.checkedout())

    print("2. ten requests, each a task that ends without remove()")
    for _ in range(10):
        await asyncio.create_task(request_without_remove())
    print("sessions in the registry:", len(registry))
    assert len(registry) == 10
    print("their tasks have finished:", all(task.done() for task in registry))
    print("connections still checked out:", engine.pool.checkedout())

    for session in list(registry.values()):  # clean up step 2's sessions
        await session.close()


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
