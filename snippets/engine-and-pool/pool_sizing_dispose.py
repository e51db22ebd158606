"""After dispose(), one engine can hold more than pool_size + max_overflow."""

import os
import tempfile

from sqlalchemy import create_engine, event

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/pool.db")
POOL_SIZE, MAX_OVERFLOW = 1, 1
engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)
opened = closed = 0  # DBAPI connections: each one is a connection on the server


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    global opened
    opened += 1


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    global closed
    closed += 1


# --8<-- [start:steps]
print("1. full load: pool_size + max_overflow connections checked out")
held = [engine.connect() for _ in range(POOL_SIZE + MAX_OVERFLOW)]
print("    connections open:", opened - closed)

print("2. engine.dispose() while they are out, then full load again")
engine.dispose()  # a new, empty pool; the checked-out connections stay open
held += [engine.connect() for _ in range(POOL_SIZE + MAX_OVERFLOW)]
print("    connections open:", opened - closed)
more = opened - closed > POOL_SIZE + MAX_OVERFLOW
print("    more than pool_size + max_overflow:", more)
assert more
# --8<-- [end:steps]
for conn in held:
    conn.close()
engine.dispose()
