"""A background task given an id opens its own Session and closes it when it ends."""

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
    welcomed: Mapped[bool] = mapped_column(default=False)


folder = tempfile.TemporaryDirectory()  # a SQLite file: every worker thread sees it
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit


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
def send_welcome(user_id: int):
    with Session(engine) as session:  # the task's own session
        user = session.get(User, user_id)
        print("    task: welcome,", user.name)
        print("    task: connections checked out:", engine.pool.checkedout())
        user.welcomed = True
        session.commit()


@app.post("/users/{name}")
def add_user(
    name: str,
    tasks: BackgroundTasks,
    session: Annotated[Session, Depends(get_session)],
):
    user = User(name=name)
    session.add(user)
    session.flush()  # the INSERT gives the user its id
    user_id = user.id
    session.commit()
    tasks.add_task(send_welcome, user_id)  # the id, not the object
    print("    endpoint: returns")
    return {"id": user_id}


print("1. POST /users/ada")
response = TestClient(app).post("/users/ada")
print("response:", response.json())
print("connections checked out:", engine.pool.checkedout())

print("2. the database")
with Session(engine) as session:
    welcomed = session.get(User, response.json()["id"]).welcomed
print("ada welcomed:", welcomed)
assert welcomed
# --8<-- [end:steps]
