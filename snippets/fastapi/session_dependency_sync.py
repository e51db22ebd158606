"""A yield dependency: one Session per request, closed after the response is sent."""

import atexit
import os
import tempfile
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install fastapi httpx (httpx for the TestClient)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A SQLite file rather than memory: the endpoints run in worker threads, and every
# thread must see the same database
folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
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


# --8<-- [start:steps]
def get_session():
    with Session(engine) as session:
        yield session


app = FastAPI()
app.add_middleware(ShowResponseSent)
sessions = []  # the session each request got


@app.get("/users/{user_id}")
def read_user(user_id: int, session: Annotated[Session, Depends(get_session)]):
    sessions.append(session)
    name = session.scalar(select(User.name).where(User.id == user_id))
    print("    endpoint: returns")
    return {"name": name}


client = TestClient(app)
for number in (1, 2):
    print(f"{number}. GET /users/1")
    response = client.get("/users/1")
    print("response:", response.json())
    print("connections checked out:", engine.pool.checkedout())
    assert engine.pool.checkedout() == 0
print("two requests, two sessions:", sessions[0] is not sessions[1])
assert sessions[0] is not sessions[1]
# --8<-- [end:steps]
