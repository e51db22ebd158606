import asyncio
import gc
import os
import re
import tempfile
import warnings

from sqlalchemy import String, event, func, select
from sqlalchemy.exc import SAWarning
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def count_users_and_forget(engine):
    session = AsyncSession(engine)
    return await session.scalar(select(func.count()).select_from(User))
    # no close(): the session, and the connection it holds, are now garbage


async def count_users(engine):
    async with AsyncSession(engine) as session:  # closed at the end of the block
        return await session.scalar(select(func.count()).select_from(User))


async def run_then_collect(engine, step):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await step(engine)
        print("connections checked out:", engine.pool.checkedout())
        print("gc.collect()")
        gc.collect()  # the moment the garbage collector finds the leaked connection
    sa_warnings = [str(warning.message) for warning in caught if warning.category is SAWarning]
    for text in sa_warnings:
        # drop the connection's repr (it has a memory address); keep the first sentence
        print("SAWarning:", re.sub(r" <.*>,", ",", text).split(".  ")[0])
    print("connections checked out:", engine.pool.checkedout())
    return sa_warnings


async def main(tmp):
    # DATABASE_URL must name an async driver here, e.g. postgresql+asyncpg://...
    engine = create_async_engine(os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{tmp}/gc.db"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    for name, text in [("connect", "new DBAPI connection opened"), ("checkout", "checked out"),
                       ("checkin", "returned"), ("close_detached", "connection terminated")]:
        event.listen(engine.sync_engine, name, lambda *args, text=text: print("    pool:", text))

    print("1. a session that is never closed")
    leaked = await run_then_collect(engine, count_users_and_forget)
    print("2. the same work in async with")
    closed = await run_then_collect(engine, count_users)
    await engine.dispose()  # close the pooled connections while the event loop still runs
    assert len(leaked) == 1 and "non-checked-in connection" in leaked[0] and closed == []


gc.disable()  # collect only when the example says so
with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(tmp))
