"""asyncio.gather() works with an AsyncSession per task, and fails with a shared one."""

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


folder = tempfile.TemporaryDirectory()  # a file, so that the pool is a real queue
# DATABASE_URL must name an async driver, e.g. postgresql+psycopg://...
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/app.db")


async def outcome(call):
    """What one task's call did."""
    try:
        await call
        return "ok"
    except InvalidRequestError as error:  # IllegalStateChangeError is one
        return f"{type(error).__name__}: {error}"


async def names(new_session):
    async with new_session() as session:
        return (await session.scalars(select(User.name).order_by(User.id))).all()


# --8<-- [start:steps]
async def rename(session, user_id, name):
    user = await session.get(User, user_id)
    user.name = name
    await session.commit()


async def steps(engine, new_session):
    print("1. gather(): two tasks, one shared AsyncSession")
    async with new_session() as session:
        results = await asyncio.gather(
            outcome(rename(session, 1, "Ada")), outcome(rename(session, 2, "Grace"))
        )
    print("    task 1:", results[0])
    print("    task 2:", results[1])
    print("names:", await names(new_session))

    print("2. gather(): two tasks, an AsyncSession each")

    async def rename_in_own_session(user_id, name):
        async with new_session() as session:
            await rename(session, user_id, name)

    results = await asyncio.gather(
        outcome(rename_in_own_session(1, "Ada")),
        outcome(rename_in_own_session(2, "Grace")),
    )
    print("    task 1:", results[0])
    print("    task 2:", results[1])
    saved = await names(new_session)
    print("names:", saved)
    assert saved == ["Ada", "Grace"]


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    new_session = async_sessionmaker(engine)
    try:
        async with new_session.begin() as session:
            session.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
        await steps(engine, new_session)
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
