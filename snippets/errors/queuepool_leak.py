"""Sessions that are never closed keep their connections until none is left."""

import os
import tempfile

from sqlalchemy import create_engine, exc, select
from sqlalchemy.orm import Session

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/leak.db")
# At most 2 + 1 = 3 connections, and a wait of 0.1 s instead of 30 s for the next one
engine = create_engine(url, pool_size=2, max_overflow=1, pool_timeout=0.1)


# --8<-- [start:steps]
leaked = []  # whatever keeps sessions alive: a global, a cache, a thread


def load_page_leaky():
    session = Session(engine)
    leaked.append(session)
    return session.scalar(select(1))  # the session is never closed


def load_page():
    with Session(engine) as session:
        return session.scalar(select(1))


print("1. sessions that are never closed")
for call in range(1, 5):
    try:
        load_page_leaky()
    except exc.TimeoutError as error:
        print(f"call {call}: {type(error).__name__}: {error}")
        print("    pool:", engine.pool.status())
        break
    print(f"call {call}: ok, checked out: {engine.pool.checkedout()}")
assert call == 4  # the fourth session found no connection left

for session in leaked:
    session.close()
print("after closing them, checked out:", engine.pool.checkedout())

print("2. sessions in with-blocks")
for call in range(10):
    load_page()
print("10 calls: ok, checked out:", engine.pool.checkedout())
# --8<-- [end:steps]
engine.dispose()
