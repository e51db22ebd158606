"""await engine.dispose() in FastAPI's lifespan closes an AsyncEngine's connections."""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, Request
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

# Needs: pip install fastapi uvicorn httpx. The example runs this file as the app of a
# uvicorn server on 127.0.0.1, twice: with engine.dispose() at shutdown, and without.

counts = Counter()  # pool events in the server: connections opened and closed
hold = asyncio.Barrier(3)  # three requests hold a connection at once


def count_pool_events(engine):
    for name in ("connect", "close"):
        event.listen(
            engine.sync_engine, name, lambda *args, name=name: counts.update([name])
        )


def print_pool_counts():
    print(
        f"    server: connections opened {counts['connect']}, closed {counts['close']}"
    )


# --8<-- [start:steps]
@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine(os.environ["DATABASE_URL"])
    count_pool_events(engine)
    print("    server: startup, connections opened:", counts["connect"])
    yield {"engine": engine}  # the lifespan state: request.state.engine
    print("    server: shutdown, idle connections:", engine.pool.checkedin())
    if os.environ["DISPOSE"] == "yes":  # the example runs it with and without
        await engine.dispose()
    print_pool_counts()


app = FastAPI(lifespan=lifespan)


async def get_session(request: Request):
    async with AsyncSession(request.state.engine) as session:
        yield session


@app.get("/query")
async def query(session: Annotated[AsyncSession, Depends(get_session)]):
    await session.execute(text("SELECT 1"))  # checks out a connection
    async with asyncio.timeout(120):
        await hold.wait()  # until all three requests have one
    return {"ok": True}


# --8<-- [end:steps]


def serve(dispose):
    """Run this file's app in uvicorn, send three requests at once, stop with SIGTERM.
    Returns what the server printed and the signal that ended its process."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # a free port, handed to uvicorn as an open socket
    sock.listen()  # requests wait in its queue until uvicorn has started: no polling
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    module = os.path.splitext(os.path.basename(__file__))[0]
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", f"{module}:app", "--log-level", "warning"]
        + ["--app-dir", os.path.dirname(os.path.abspath(__file__))]
        + ["--fd", str(sock.fileno())],
        pass_fds=[sock.fileno()],
        # Unbuffered: uvicorn ends its process with SIGTERM, which would lose a buffer
        env={**os.environ, "PYTHONUNBUFFERED": "1"} | {"DISPOSE": dispose},
        stdout=subprocess.PIPE,
        text=True,
    )
    sock.close()
    try:
        print(server.stdout.readline(), end="")  # the startup line
        with httpx.Client(base_url=base, timeout=120) as client:
            with ThreadPoolExecutor(3) as pool:
                codes = list(pool.map(lambda _: client.get("/query"), range(3)))
        print("    three requests at once:", [code.status_code for code in codes])
        server.send_signal(signal.SIGTERM)  # what a process manager sends to stop it
        said = server.communicate(timeout=120)[0].splitlines()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    print("\n".join(said))
    return said, signal.Signals(-server.returncode).name


if __name__ == "__main__":
    # A SQLite file, which gets a queue pool. DATABASE_URL must name an asyncio driver:
    # postgresql+psycopg://..., mysql+aiomysql://...
    folder = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite+aiosqlite:///{folder.name}/app.db")

    print("1. lifespan with await engine.dispose() at shutdown")
    said, _ = serve(dispose="yes")
    opened, closed = map(int, re.findall(r"\d+", said[-1]))
    assert closed == opened

    print("2. the same lifespan without await engine.dispose()")
    said, ended_by = serve(dispose="no")
    opened, closed = map(int, re.findall(r"\d+", said[-1]))
    print(
        f"    uvicorn ended its process with {ended_by}, {opened - closed} still open"
    )
