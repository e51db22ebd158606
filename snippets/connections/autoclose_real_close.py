"""Only overflow, engine.dispose() and NullPool really close DBAPI connections here."""

import os
import tempfile

from sqlalchemy import NullPool, create_engine, event, select

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/real_close.db")
closed = []


def watch(engine):
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        print("    pool: DBAPI connection opened")

    @event.listens_for(engine, "checkin")
    def on_checkin(dbapi_connection, connection_record):
        print("    pool: connection returned")

    @event.listens_for(engine, "close")
    def on_close(dbapi_connection, connection_record):
        closed.append(dbapi_connection)
        print("    pool: DBAPI connection closed")


# --8<-- [start:steps]
print("1. QueuePool keeps pool_size connections and closes the overflow")
engine = create_engine(url, pool_size=1, max_overflow=1)
watch(engine)
first = engine.connect()
second = engine.connect()  # the pool keeps one, so this one is overflow
print("first.close()")
first.close()
print("second.close()")
second.close()
print("kept open in the pool:", engine.pool.checkedin())
assert len(closed) == 1

print("2. engine.dispose() closes what the pool holds")
engine.dispose()
print("kept open in the pool:", engine.pool.checkedin())

print("3. NullPool: every close() really closes")
engine = create_engine(url, poolclass=NullPool)
watch(engine)
for _ in range(2):
    with engine.connect() as conn:
        conn.execute(select(1))
print("DBAPI connections closed in all:", len(closed))
assert len(closed) == 4
# --8<-- [end:steps]
