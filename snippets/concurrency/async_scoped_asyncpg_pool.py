"""After that asyncpg collision, later sessions that get the connection fail too."""

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
APP = f"async_scoped_asyncpg_pool {os.getpid()}"
STATES = "SELECT state FROM pg_stat_activity WHERE application_name = :app"


async def outcome(call):
    """What one call on a session did."""
    try:
        await call
        return "ok"
    except DBAPIError as error:  # the driver's error, wrapped by SQLAlchemy
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"


async def server_view(watcher):
    async with watcher.connect() as conn:
        states = (await conn.scalars(text(STATES), {"app": APP})).all()
    print("    server: the application's connections are", states)


# --8<-- [start:steps]
async def steps(engine, new_session, watcher):
    print("1. two tasks share an AsyncSession: a query and commit() collide")
    async with new_session() as session:
        await session.scalars(select(User))
        results = await asyncio.gather(
            outcome(session.scalars(select(User))), outcome(session.commit())
        )
    print("    query:", results[0])
    print("    commit():", results[1])
    print("connections in the pool:", engine.pool.checkedin())
    await server_view(watcher)

    print("2. two later requests, each with a new session of its own")
    for request in (1, 2):
        async with new_session() as session:
            result = await outcome(session.scalars(select(User)))
        print(f"    request {request}:", result)
    assert "manually started transaction" in result

    print("3. after engine.dispose(), which closes the pooled connections")
    await engine.dispose()
    async with new_session() as session:
        print("    request 3:", await outcome(session.scalars(select(User))))


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
        await engine.dispose()  # also closes the connection the collision broke
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()
        await watcher.dispose()


asyncio.run(main())
