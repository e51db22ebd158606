"""Without dispose(), the pool keeps its connection after the event loop has ended."""

import asyncio
import gc
import os
import tempfile
import warnings
from collections import Counter

from sqlalchemy import String, event
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def make_engine(url):
    engine = create_async_engine(url)
    counts = Counter()  # DBAPI connections opened and closed by the pool
    event.listen(engine.sync_engine, "connect", lambda *args: counts.update(["opened"]))
    event.listen(engine.sync_engine, "close", lambda *args: counts.update(["closed"]))
    return engine, counts


async def work(engine, dispose):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        async with AsyncSession(engine) as session:
            session.add(User(name="ada"))
            await session.commit()
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        if dispose:
            await engine.dispose()


def show(engine, counts):
    opened, closed, idle = counts["opened"], counts["closed"], engine.pool.checkedin()
    print(f"after asyncio.run(): opened {opened}, closed {closed}, idle {idle}")


with tempfile.TemporaryDirectory() as folder:
    # A SQLite file rather than memory, so that the pool is a queue of connections.
    # DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
    url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder}/app.db")

    # --8<-- [start:steps]
    print("1. await engine.dispose() at the end of the coroutine")
    engine, counts = make_engine(url)
    asyncio.run(work(engine, dispose=True))
    show(engine, counts)
    assert counts["closed"] == counts["opened"]

    print("2. no dispose(): the loop ends, and the pool keeps its connection")
    engine, counts = make_engine(url)
    asyncio.run(work(engine, dispose=False))
    show(engine, counts)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del engine
        gc.collect()  # what happens sooner or later anyway
    print("engine garbage-collected; closed by the pool:", counts["closed"])
    assert counts["closed"] == 0
    print(
        "the driver's own clean-up warned:",
        sorted({w.category.__name__ for w in caught}),
    )
    # --8<-- [end:steps]
