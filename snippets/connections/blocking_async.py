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


async def main(tmp):
    # DATABASE_URL must name an async driver here, e.g. postgresql+asyncpg://...
    url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{tmp}/blocking.db")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    new_session = async_sessionmaker(engine, expire_on_commit=False)
    async with new_session() as session, session.begin():
        session.add(Counter(name="visits", value=0))

    row_locked = asyncio.Event()
    events = []

    async def holder():
        async with new_session() as session:
            await session.execute(update(Counter).values(value=Counter.value + 1))
            print("holder: row updated, transaction still open")
            row_locked.set()
            await asyncio.sleep(0.5)  # keep the lock while the waiter waits
            print("holder: commit")
            events.append("commit")
            await session.commit()
        return "holder done"

    async def waiter():
        await row_locked.wait()
        async with new_session() as session:
            print("waiter: await execute(UPDATE) ...")
            await session.execute(update(Counter).values(value=Counter.value + 10))
            events.append("waiter resumed")
            print("waiter: ... execute() returned")
            await session.commit()
        return "waiter done"

    # One thread, one event loop: while the waiter awaits the database,
    # the loop runs the holder, which commits and so releases the lock.
    results = await asyncio.gather(waiter(), holder())
    print("gather results, in argument order:", results)

    async with new_session() as session:
        value = await session.scalar(select(Counter.value))
    print("value:", value)
    assert events == ["commit", "waiter resumed"] and value == 11
    await engine.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(tmp))
