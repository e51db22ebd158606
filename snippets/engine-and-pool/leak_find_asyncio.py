"""With asyncio, the caller of a checkout is on the parent greenlet's stack."""

import asyncio
import os
import tempfile
import traceback

import greenlet
import sqlalchemy
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
# DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/leak.db")
engine = create_async_engine(url)
open_reports = []  # whatever keeps a session alive: a global, a cache, a task

# Frames to skip: SQLAlchemy's own files, and the code it generates ("<string>")
SKIP = (os.path.dirname(sqlalchemy.__file__), "<")


def caller(stack):
    """The innermost frame outside SQLAlchemy, as 'function(), line n'."""
    frames = [f for f in stack if not f.filename.startswith(SKIP)]
    return f"{frames[-1].name}(), line {frames[-1].lineno}" if frames else "none"


# --8<-- [start:steps]
checked_out = {}  # connection record -> (caller on each stack)


@event.listens_for(engine.sync_engine, "checkout")
def remember_caller(dbapi_connection, connection_record, connection_proxy):
    own_stack = traceback.extract_stack()[:-1]  # without this function
    # SQLAlchemy runs this in a greenlet; its parent greenlet runs your coroutines
    awaiting = traceback.extract_stack(greenlet.getcurrent().parent.gr_frame)
    checked_out[connection_record] = (caller(own_stack), caller(awaiting))


@event.listens_for(engine.sync_engine, "checkin")
def forget_caller(dbapi_connection, connection_record):
    checked_out.pop(connection_record, None)


async def user_report():  # leaks: its session is never closed
    session = AsyncSession(engine)
    open_reports.append(session)
    return await session.scalar(select(1))


async def main():
    try:
        print("1. user_report() checks a connection out and keeps it")
        await user_report()
        [(on_own_stack, on_awaiting_stack)] = checked_out.values()
        print("    caller on the listener's own stack:", on_own_stack)
        print("    caller on the parent greenlet's stack:", on_awaiting_stack)
        assert on_awaiting_stack.startswith("user_report()")
    finally:
        for session in open_reports:
            await session.close()
        await engine.dispose()


asyncio.run(main())
# --8<-- [end:steps]
