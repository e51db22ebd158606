"""Collecting an unclosed AsyncSession ends its connection, with an SAWarning."""

import asyncio
import gc
import os
import re
import tempfile
import warnings

from sqlalchemy import event, select
from sqlalchemy.exc import SAWarning
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
# DATABASE_URL must name an async driver, e.g. postgresql+psycopg://...
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/gc.db")
gc.disable()  # Python would run the collector at a moment of its choosing


def print_pool_events(engine):
    for name, text in [
        ("connect", "new connection opened"),
        ("checkin", "connection returned"),
        ("close_detached", "connection terminated"),
    ]:
        event.listen(
            engine.sync_engine, name, lambda *args, t=text: print("    pool:", t)
        )


def collect_garbage():
    """gc.collect(), printing the SAWarnings it raises without the connection's repr
    (which names the server's port)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SAWarning)
        gc.collect()
    print("SAWarnings:", len(caught))
    for warning in caught:
        print("   ", re.sub(r" <.*>>", "", str(warning.message)))
    return caught


# --8<-- [start:steps]
async def load_page(engine):
    session = AsyncSession(engine)  # never closed
    return await session.scalar(select(1))


async def load_page_closed(engine):
    async with AsyncSession(engine) as session:  # closed at the end
        return await session.scalar(select(1))


async def main():
    engine = create_async_engine(url)
    print_pool_events(engine)

    print("1. a session that is never closed, then gc.collect()")
    await load_page(engine)
    print("checked out:", engine.pool.checkedout())
    caught = collect_garbage()
    assert len(caught) == 1
    print("checked out:", engine.pool.checkedout())

    print("2. the same work in async with, then gc.collect()")
    await load_page_closed(engine)
    print("checked out:", engine.pool.checkedout())
    collect_garbage()
    await engine.dispose()  # close pooled connections while the loop runs


# --8<-- [end:steps]


asyncio.run(main())
