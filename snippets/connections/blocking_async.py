"""With asyncio, a coroutine waiting for the database lets the others run."""

import asyncio
import os
import tempfile

from sqlalchemy import String, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Counter(Base):
    __tablename__ = "counter"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[int]


# --8<-- [start:steps]
async def holder(new_session, row_locked, waiter_waits, events):
    async with new_session() as session:
        await session.execute(update(Counter).values(value=Counter.value + 1))
        print("holder: row updated, transaction still open")
        row_locked.set()
        await waiter_waits.wait()
        await asyncio.sleep(0.5)  # makes the wait visible; the lock sets order
        print("holder: commit")
        events.append("commit")
        await session.commit()
    return "holder done"


async def waiter(new_session, row_locked, waiter_waits, events):
    await row_locked.wait()
    async with new_session() as session:
        print("waiter: await execute(UPDATE) ...")
        waiter_waits.set()
        await session.execute(update(Counter).values(value=Counter.value + 10))
        events.append("waiter resumed")
        print("waiter: ... execute() returned")
        await session.commit()
    return "waiter done"


async def steps(engine):
    new_session = async_sessionmaker(engine, expire_on_commit=False)
    row_locked, waiter_waits, events = asyncio.Event(), asyncio.Event(), []
    # One thread, one event loop: while the waiter awaits the database,
    # the loop runs the holder, which commits and so releases the lock.
    results = await asyncio.gather(
        waiter(new_session, row_locked, waiter_waits, events),
        holder(new_session, row_locked, waiter_waits, events),
    )
    print("gather results, in argument order:", results)
    print("order:", events)
    assert events == ["commit", "waiter resumed"]
    async with new_session() as session:
        print("value:", await session.scalar(select(Counter.value)))


# --8<-- [end:steps]


async def main():
    folder = tempfile.TemporaryDirectory()  # a file database: two connections
    # DATABASE_URL must name an async driver here, e.g. postgresql+psycopg://...
    url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/b.db")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                Counter.__table__.insert(), {"name": "visits", "value": 0}
            )
        await steps(engine)
    finally:  # drop the tables, also when a step failed
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
