"""Given a lifespan, FastAPI no longer calls its @app.on_event shutdown handlers."""

import os
import tempfile
import warnings
from collections import Counter
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event, text

# Needs: pip install fastapi httpx (httpx for the TestClient, which runs the lifespan)

folder = tempfile.TemporaryDirectory()  # a SQLite file: it gets a QueuePool
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
engine = create_engine(url)  # a module-level engine
counts = Counter()  # pool events: connections opened and closed
for name in ("connect", "close"):
    event.listen(engine, name, lambda *args, name=name: counts.update([name]))
warnings.simplefilter("ignore", DeprecationWarning)  # on_event() warns that it is


# --8<-- [start:steps]
@asynccontextmanager
async def lifespan(app: FastAPI):
    print("    lifespan: startup")
    yield
    print("    lifespan: shutdown")


app = FastAPI(lifespan=lifespan)


@app.on_event("shutdown")  # the older way, left over from before the lifespan
def dispose_engine():
    print("    on_event: engine.dispose()")
    engine.dispose()


@app.get("/query")
def query():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


print("1. the app starts, answers one request, and stops")
print("on_event shutdown handlers:", len(app.router.on_shutdown))
with TestClient(app) as client:  # runs the lifespan, as a server does
    client.get("/query")
print(f"connections opened {counts['connect']}, closed {counts['close']}")
assert counts["close"] == 0  # the handler never ran
# --8<-- [end:steps]
engine.dispose()
