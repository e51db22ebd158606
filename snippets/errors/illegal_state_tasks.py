import asyncio
import os
import tempfile

from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def attempt(name, coroutine):
    """Await one task's database call; return what happened."""
    try:
        await coroutine
        return f"{name}: ok"
    except Exception as error:  # SQLAlchemy's errors, or the driver's own
        return f"{name}: {type(error).__name__}\n        {error.args[0]}"


def show(results):
    for line in results:
        print("   ", line)
    return [line.split("\n")[0] for line in results]


async def main(url):
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    new_session = async_sessionmaker(engine)

    # gather() starts "query" first; it is suspended while the empty pool opens
    # a connection, and that is when the other task calls into the same session.
    print("1. one AsyncSession, two tasks: query and close()")
    await engine.dispose()
    session = new_session()
    first = show(await asyncio.gather(
        attempt("query", session.scalars(select(User))),
        attempt("close", session.close()),
    ))
    await session.close()

    print("2. one AsyncSession, two tasks: query and commit()")
    await engine.dispose()
    session = new_session()
    second = show(await asyncio.gather(
        attempt("query", session.scalars(select(User))),
        attempt("commit", session.commit()),
    ))
    await session.close()

    print("3. the same as 1, with a connection already in the pool")
    session = new_session()
    third = show(await asyncio.gather(
        attempt("query", session.scalars(select(User))),
        attempt("close", session.close()),
    ))
    await session.close()

    async def own_session(name):
        async with new_session() as session:
            return await attempt(name, session.scalars(select(User)))

    print("4. the fix: each task opens its own session")
    await engine.dispose()
    fourth = show(await asyncio.gather(own_session("task 1"), own_session("task 2")))

    assert first == ["query: ok", "close: IllegalStateChangeError"]
    assert second == ["query: ok", "commit: InvalidRequestError"]
    assert third[0] == "query: ok" and "IllegalStateChangeError" not in third[1]
    assert fourth == ["task 1: ok", "task 2: ok"]
    await engine.dispose()


with tempfile.TemporaryDirectory() as tmp:
    # DATABASE_URL must name an async driver, e.g. postgresql+asyncpg://...
    asyncio.run(main(os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{tmp}/app.db")))
