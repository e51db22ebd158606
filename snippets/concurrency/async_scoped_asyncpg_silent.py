"""On asyncpg, a query and commit() racing on a new AsyncSession raise nothing."""

import asyncio
import os
import sys

from sqlalchemy import String, make_url, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import NullPool

# Needs a PostgreSQL server and the asyncpg driver (pip install asyncpg)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
url = make_url(url).set(drivername="postgresql+asyncpg")
# The application's connections carry a name, so that the server's view finds them
APP = f"async_scoped_asyncpg_silent {os.getpid()}"
STATES = "SELECT state FROM pg_stat_activity WHERE application_name = :app"


async def outcome(call):
    """What one task's call on the session did."""
    try:
        await call
        return "ok"
    except DBAPIError as error:  # the driver's error, wrapped by SQLAlchemy
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"


async def server_states(watcher):
    async with watcher.connect() as conn:
        return (await conn.scalars(text(STATES), {"app": APP})).all()


# --8<-- [start:steps]
async def steps(engine, new_session, watcher):
    print("1. a new AsyncSession, two tasks: a query and commit()")
    async with new_session() as session:  # no connection yet
        results = await asyncio.gather(
            outcome(session.scalars(select(User))), outcome(session.commit())
        )
    print("    first:", results[0])
    print("    second:", results[1])
    print("connections in the pool:", engine.pool.checkedin())
    states = await server_states(watcher)
    print("server: the pooled connection is", states)
    assert states == ["idle in transaction"]


# --8<-- [end:steps]


async def main():
    engine = create_async_engine(
        url, connect_args={"server_settings": {"application_name": APP}}
    )
    watcher = create_async_engine(url, poolclass=NullPool)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        await steps(engine, async_sessionmaker(engine), watcher)
    finally:
        await engine.dispose()  # also closes the connection left in a transaction
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()
        await watcher.dispose()


asyncio.run(main())
