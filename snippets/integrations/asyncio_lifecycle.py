"""One engine, one session factory, a session per task, and dispose() at the end."""

import asyncio
import os
import tempfile

from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def count_users(session):
    """A helper written for the plain (sync) Session."""
    return session.scalar(select(func.count()).select_from(User))


async def main(url):
    engine = create_async_engine(url)
    pool = engine.sync_engine.pool

    def show(label):
        print(f"{label}: checked out {pool.checkedout()}, idle {pool.checkedin()}")

    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        # --8<-- [start:steps]
        # One factory for the whole program; expire_on_commit=False keeps loaded
        # attributes readable after commit() without another (awaited) query.
        new_session = async_sessionmaker(engine, expire_on_commit=False)

        print("1. async with new_session() as session, then await session.commit()")
        async with new_session() as session:
            ada = User(name="ada")
            session.add(ada)
            await session.flush()
            show("flushed, not committed")
            await session.commit()
            show("after commit()")
        print("block closed; ada.name still readable:", ada.name)

        print("2. new_session.begin(): commit when the block ends, then close")
        async with new_session.begin() as session:
            session.add(User(name="grace"))
        show("after the block")

        print("3. one AsyncSession per task, two tasks at the same time")
        both_hold_a_session = asyncio.Barrier(2)

        async def find_id(name):
            async with new_session() as session:
                user_id = await session.scalar(select(User.id).where(User.name == name))
                await both_hold_a_session.wait()  # neither task closes before both read
                return user_id

        print("ids:", await asyncio.gather(find_id("ada"), find_id("grace")))
        show("after both tasks")
        assert pool.checkedin() == 2  # two sessions at once: two connections

        print("4. run_sync() hands a sync helper the Session inside the AsyncSession")
        async with new_session() as session:
            print("users:", await session.run_sync(count_users))

        print("5. dispose() before the event loop ends")
        await engine.dispose()
        show("after dispose()")
        # --8<-- [end:steps]
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


with tempfile.TemporaryDirectory() as folder:
    # A SQLite file rather than memory, so that the pool is a queue of connections.
    # DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
    url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder}/app.db")
    asyncio.run(main(url))
