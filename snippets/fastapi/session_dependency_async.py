"""An async yield dependency: an AsyncSession per request, closed after the response."""

import asyncio
import atexit
import os
import tempfile
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Needs: pip install fastapi httpx aiosqlite (httpx for the TestClient);
# DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def create_tables(url):
    setup = create_async_engine(url)  # an engine whose events do not print
    async with setup.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
        await conn.execute(User.__table__.insert().values(name="ada"))
    await setup.dispose()


async def drop_tables(url):
    setup = create_async_engine(url)
    async with setup.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
    await setup.dispose()


folder = tempfile.TemporaryDirectory()  # a SQLite file: its pool is a queue
url = os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/app.db")
engine = create_async_engine(url)
new_session = async_sessionmaker(engine)
asyncio.run(create_tables(url))
atexit.register(lambda: asyncio.run(drop_tables(url)))  # drop the tables at exit


@event.listens_for(engine.sync_engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine.sync_engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


class ShowResponseSent:
    """ASGI middleware: prints once the last part of the response has been sent."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_and_show(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                print("    server: response sent")

        await self.app(scope, receive, send_and_show)


@asynccontextmanager
async def lifespan(app):
    yield
    await engine.dispose()  # in the event loop that made the connections


# --8<-- [start:steps]
async def get_session():
    async with new_session() as session:
        yield session


app = FastAPI(lifespan=lifespan)
app.add_middleware(ShowResponseSent)
sessions = []  # the session each request got


@app.get("/users/{user_id}")
async def read_user(
    user_id: int, session: Annotated[AsyncSession, Depends(get_session)]
):
    sessions.append(session)
    name = await session.scalar(select(User.name).where(User.id == user_id))
    print("    endpoint: returns")
    return {"name": name}


pool = engine.sync_engine.pool
with TestClient(app) as client:  # one event loop for every request
    for number in (1, 2):
        print(f"{number}. GET /users/1")
        response = client.get("/users/1")
        print("response:", response.json())
        print("connections checked out:", pool.checkedout())
        assert pool.checkedout() == 0
print("two requests, two sessions:", sessions[0] is not sessions[1])
assert sessions[0] is not sessions[1]
# --8<-- [end:steps]
