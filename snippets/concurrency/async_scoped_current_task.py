"""With current_task as the scope, each task gets one AsyncSession of its own."""

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
    both_inside = asyncio.Barrier(2)
    seen, in_use = {}, {}

    async def count_users():  # a helper with no session parameter
        seen[asyncio.current_task().get_name()].append(Session())
        return len((await Session.scalars(select(User))).all())

    async def handle_request():
        seen[asyncio.current_task().get_name()] = [Session()]
        try:
            await count_users()
            await both_inside.wait()  # both tasks hold a session now
            in_use[asyncio.current_task().get_name()] = engine.pool.checkedout()
            await both_inside.wait()
        finally:
            await Session.remove()  # close this task's session and forget it

    print("1. two requests, each in its own task, at the same time")
    async with asyncio.TaskGroup() as group:
        group.create_task(handle_request(), name="A")
        group.create_task(handle_request(), name="B")
    a, b = seen["A"], seen["B"]
    print("in task A, the request and its helper got one session:", a[0] is a[1])
    print("tasks A and B got the same session:", a[0] is b[0])
    assert a[0] is not b[0]
    print("connections in use while both ran:", in_use["A"])
    print("2. after remove() in each task")
    print("sessions left in the registry:", len(Session.registry.registry))
    print("connections in use:", engine.pool.checkedout())


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
