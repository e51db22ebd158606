"""A background task finds the request's Session open: it is closed after the task."""

import atexit
import os
import tempfile
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install fastapi httpx (httpx for the TestClient)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a SQLite file: every worker thread sees it
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


def get_session():
    with Session(engine) as session:
        yield session


app = FastAPI()
app.add_middleware(ShowResponseSent)


# --8<-- [start:steps]
def send_welcome(session: Session, user: User):
    in_transaction = session.in_transaction()
    print("    task: request's session in a transaction:", in_transaction)
    assert in_transaction
    print("    task: connections checked out:", engine.pool.checkedout())
    print("    task: welcome,", user.name)


@app.post("/users/{user_id}/welcome")
def welcome(
    user_id: int,
    tasks: BackgroundTasks,
    session: Annotated[Session, Depends(get_session)],
):
    user = session.get(User, user_id)  # a SELECT: the transaction stays open
    tasks.add_task(send_welcome, session, user)  # the request's session
    print("    endpoint: returns")
    return {"queued": user.name}


print("1. POST /users/1/welcome")
response = TestClient(app).post("/users/1/welcome")
print("response:", response.json())
print("connections checked out:", engine.pool.checkedout())
# --8<-- [end:steps]
