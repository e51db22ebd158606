"""With pool_recycle, a connection older than the limit is replaced at checkout."""

import os
import tempfile
import time

from sqlalchemy import create_engine, event

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/recycle.db")


def print_pool_events(engine):
    for name in ("connect", "invalidate", "close"):
        event.listen(engine, name, lambda *args, name=name: print("    pool:", name))


# --8<-- [start:steps]
# pool_recycle in seconds: in production, below the server's idle timeout
engine = create_engine(url, pool_recycle=1)

print("1. a connection is opened and returned to the pool")
with engine.connect() as conn:
    first = conn.connection.dbapi_connection
print("2. it gets older than pool_recycle")
time.sleep(1.1)  # stands for hours in a real application
print("3. checkout: the pool closes it without trying it, and opens a new one")
print_pool_events(engine)
with engine.connect() as conn:
    replaced = conn.connection.dbapi_connection is not first
print("replaced:", replaced)
assert replaced
# --8<-- [end:steps]
