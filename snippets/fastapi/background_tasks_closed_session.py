"""With Depends(scope='function'), a background task gets a closed Session."""

import atexit
import os
import tempfile
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError

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


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


@event.listens_for(Session, "persistent_to_detached")
def on_detached(session, obj):
    print("    session: user detached")


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
    print("    task: user detached:", inspect(user).detached)
    assert inspect(user).detached
    try:
        print("    task: welcome,", user.name)
    except DetachedInstanceError as error:
        print("    task:", type(error).__name__)
        print("        " + str(error).partition(" (Background")[0])


@app.post("/users/{name}")
def add_user(
    name: str,
    tasks: BackgroundTasks,
    session: Annotated[Session, Depends(get_session, scope="function")],
):
    user = User(name=name)
    session.add(user)
    session.commit()  # expires user: its name is loaded again on next access
    tasks.add_task(send_welcome, session, user)
    print("    endpoint: returns")
    return {"saved": name}


print("1. POST /users/ada")
response = TestClient(app).post("/users/ada")
print("response:", response.json())
# --8<-- [end:steps]
