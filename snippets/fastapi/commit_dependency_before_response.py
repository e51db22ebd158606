"""A commit that runs before the response is sent reaches the client as an error."""

import atexit
import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install fastapi uvicorn httpx. The example starts uvicorn on 127.0.0.1.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


# Two processes share the database: on SQLite, a file in the working directory
url = os.environ.get("DATABASE_URL", "sqlite:///app.db")
engine = create_engine(url)


@event.listens_for(engine, "handle_error")
def on_error(context):
    error = type(context.sqlalchemy_exception).__name__
    print(f"    server: {context.statement.split()[0]} failed: {error}", flush=True)


class ShowResponseSent:
    """ASGI middleware: prints once the last part of the response has been sent."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)

        status = []

        async def send_and_show(message):
            await send(message)
            if message["type"] == "http.response.start":
                status.append(message["status"])
            elif not message.get("more_body"):
                print(f"    server: response sent, status {status[0]}", flush=True)

        await self.app(scope, receive, send_and_show)


@contextmanager
def uvicorn_running(log):
    """Start this file's app in uvicorn and yield a client for it. At the end, stop
    the server: uvicorn first lets the requests finish, so their log is complete."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # a free port, handed to uvicorn as an open socket
    sock.listen()  # requests wait in its queue until uvicorn has started: no polling
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    command = [sys.executable, "-m", "uvicorn", f"{Path(__file__).stem}:app"]
    command += ["--app-dir", str(Path(__file__).parent), "--fd", str(sock.fileno())]
    server = subprocess.Popen(
        command, pass_fds=[sock.fileno()], stdout=log, stderr=subprocess.STDOUT
    )
    sock.close()
    try:
        with httpx.Client(base_url=base_url, timeout=120) as client:
            yield client
    finally:
        server.terminate()
        server.wait(timeout=120)


def create_tables():
    """Create the tables, and drop them at exit."""
    setup = create_engine(url)  # an engine without the listener above
    Base.metadata.create_all(setup)
    atexit.register(Base.metadata.drop_all, setup)  # drop the tables at exit
    with Session(setup) as session:
        session.add(User(name="ada"))
        session.commit()


# --8<-- [start:steps]
def get_session():
    with Session(engine) as session:
        yield session


def committing_session():
    with Session(engine) as session:
        yield session
        session.commit()


app = FastAPI()
app.add_middleware(ShowResponseSent)


@app.post("/in-endpoint/{name}")
def add_user(name: str, session: Annotated[Session, Depends(get_session)]):
    session.add(User(name=name))
    try:
        session.commit()  # before the endpoint returns
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, f"{name} exists") from None
    return {"saved": name}


@app.post("/function-scope/{name}")
def add_user_function_scope(
    name: str,
    session: Annotated[Session, Depends(committing_session, scope="function")],
):
    session.add(User(name=name))
    return {"saved": name}


if __name__ == "__main__":
    create_tables()
    with open("server.log", "w") as log, uvicorn_running(log) as client:
        print("1. commit() in the endpoint: POST /in-endpoint/ada")
        response = client.post("/in-endpoint/ada")
        print("response:", response.status_code, response.json())
        assert response.status_code == 409

        print("2. scope='function' dependency: POST /function-scope/ada")
        response = client.post("/function-scope/ada")
        print("response:", response.status_code, response.text)
        assert response.status_code == 500
    print("3. what the server printed and logged")
    for line in Path("server.log").read_text().splitlines():
        if line.startswith("    server:") or "Exception in ASGI" in line:
            print(line)
    with Session(engine) as session:
        count = session.scalar(select(func.count()).where(User.name == "ada"))
    print("users named ada:", count)
# --8<-- [end:steps]
