"""Depends(max_concurrency=15) lets no more sessions run at once than the pool holds."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated

import anyio.to_thread
import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

# Needs: pip install "fastapi>=0.163" uvicorn httpx. The example runs this file as the
# app of a uvicorn server on 127.0.0.1 and sends it 30 requests at once.

release = threading.Event()  # set by the example, through POST /release
reached = []  # one item for each request that reached the slow work


def slow_work():
    """Stands for slow work, such as a call to another service: ends on release."""
    reached.append(True)
    release.wait(timeout=120)


@asynccontextmanager
async def lifespan(app: FastAPI):
    # pool_size=5 and max_overflow=10 by default; pool_timeout=1 instead of 30 s
    app.state.engine = create_engine(os.environ["DATABASE_URL"], pool_timeout=1)
    yield
    app.state.engine.dispose()


app = FastAPI(lifespan=lifespan)


# --8<-- [start:steps]
def get_session(request: Request):
    with Session(request.app.state.engine) as session:
        yield session


# At most 15 sessions at once (pool_size + max_overflow), each counted until
# it is closed; the others wait here, outside the pool, without a thread
SessionDep = Annotated[Session, Depends(get_session, max_concurrency=15)]


@app.get("/report")
def report(session: SessionDep):
    session.execute(text("SELECT 1"))  # checks out a connection
    slow_work()  # the session keeps its connection meanwhile
    return {"ok": True}


# --8<-- [end:steps]


@app.exception_handler(exc.TimeoutError)  # the pool's error, for the client to read
async def pool_timeout(request: Request, error: exc.TimeoutError):
    return JSONResponse({"error": str(error)}, status_code=503)


@app.get("/status")  # async, so it answers even when every thread is busy
async def status(request: Request):
    threads = anyio.to_thread.current_default_thread_limiter()
    return {
        "threads": threads.borrowed_tokens,
        "thread_limit": threads.total_tokens,
        "connections": request.app.state.engine.pool.checkedout(),
        "slow_work": len(reached),
    }


@app.post("/release")
async def release_all():
    release.set()


@contextmanager
def uvicorn_server():
    """This file's app in a uvicorn process on 127.0.0.1, stopped with SIGTERM."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # a free port, handed to uvicorn as an open socket
    sock.listen()  # requests wait in its queue until uvicorn has started: no polling
    module = os.path.splitext(os.path.basename(__file__))[0]
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", f"{module}:app", "--log-level", "warning"]
        + ["--app-dir", os.path.dirname(os.path.abspath(__file__))]
        + ["--fd", str(sock.fileno())],
        pass_fds=[sock.fileno()],
    )
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()
    try:
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def server_state(client, slow_work, connections):
    """Poll the server until so many requests reached the slow work, and so many
    connections are checked out."""
    deadline = time.monotonic() + 120
    while True:
        state = (await client.get("/status")).json()
        if (state["slow_work"], state["connections"]) == (slow_work, connections):
            return state
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server stayed at {state}")
        await asyncio.sleep(0.1)


async def thirty_requests(base):
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        print("1. 30 requests at once")
        calls = [asyncio.create_task(client.get("/report")) for _ in range(30)]
        server = await server_state(client, slow_work=15, connections=15)
        print(
            f"    server: threads busy {server['threads']} of {server['thread_limit']}"
        )
        print(f"    server: requests in the slow work {server['slow_work']}")
        print(f"    server: connections checked out {server['connections']}")

        print("2. the slow work ends")
        await client.post("/release")
        responses = await asyncio.gather(*calls)
        failed = sum(response.status_code == 503 for response in responses)
        print(f"    requests ok: {len(responses) - failed}, failed: {failed}")
        assert failed == 0


if __name__ == "__main__":
    folder = tempfile.TemporaryDirectory()  # a SQLite file: it gets a QueuePool
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
    with uvicorn_server() as base:
        asyncio.run(thirty_requests(base))
