"""With asyncio, a coroutine waiting for the database lets the others run."""

import asyncio
import os
import tempfile
import time

from sqlalchemy import String, event, select, text, update
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Counter(Base):
    __tablename__ = "counter"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[int]


updates_started = []  # SQLite only: the UPDATEs it began, the holder's first


def on_statement(sql):
    if sql.startswith("UPDATE"):
        updates_started.append(sql)


def trace_sqlite(dbapi_connection, connection_record):
    # each statement SQLite starts, reported on aiosqlite's thread
    dbapi_connection.run_async(lambda driver: driver.set_trace_callback(on_statement))


# Transactions waiting for a lock held by the session that asks
LOCK_WAITS = {
    "postgresql": "SELECT count(*) FROM pg_locks"
    " WHERE NOT granted AND pg_backend_pid() = ANY (pg_blocking_pids(pid))",
    "mysql": "SELECT count(*) FROM information_schema.innodb_lock_waits w"
    " JOIN information_schema.innodb_trx t ON t.trx_id = w.blocking_trx_id"
    " WHERE t.trx_mysql_thread_id = CONNECTION_ID()",
}


async def database_shows_a_waiter(session, seconds=30):
    """Poll the database until a transaction waits for this session's lock."""
    dialect = session.bind.dialect.name
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if dialect == "sqlite":
            # No table of lock waits: the waiter's UPDATE has started, and it
            # cannot finish while this session holds the write lock
            found = len(updates_started) == 2
        else:
            found = await session.scalar(text(LOCK_WAITS[dialect]))
        if found:
            return True
        await asyncio.sleep(0.2)  # MariaDB refreshes its lock tables after 0.1 s
    return False


# --8<-- [start:steps]
async def holder(new_session, row_locked, events):
    async with new_session() as session:
        await session.execute(update(Counter).values(value=Counter.value + 1))
        print("holder: row updated, transaction still open")
        row_locked.set()
        waiting = await database_shows_a_waiter(session)
        print("holder: the database shows the waiter waiting:", waiting)
        assert waiting
        print("holder: commit")
        events.append("commit")
        await session.commit()
    return "holder done"


async def waiter(new_session, row_locked, events):
    await row_locked.wait()
    async with new_session() as session:
        print("waiter: await execute(UPDATE) ...")
        await session.execute(update(Counter).values(value=Counter.value + 10))
        events.append("waiter resumed")
        print("waiter: ... execute() returned")
        await session.commit()
    return "waiter done"


async def steps(engine):
    new_session = async_sessionmaker(engine, expire_on_commit=False)
    row_locked, events = asyncio.Event(), []
    # One thread, one event loop: while the waiter awaits the database,
    # the loop runs the holder, which commits and so releases the lock.
    results = await asyncio.gather(
        waiter(new_session, row_locked, events),
        holder(new_session, row_locked, events),
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
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", trace_sqlite)
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
