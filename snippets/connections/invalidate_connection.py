import os
import tempfile

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import PendingRollbackError

tmp = tempfile.TemporaryDirectory()
# A file database, so that SQLite uses a QueuePool as MySQL would.
engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/invalidate.db"))


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: DBAPI connection opened")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: returned")


@event.listens_for(engine, "invalidate")
def on_invalidate(dbapi_connection, connection_record, exception):
    reason = "explicit call" if exception is None else type(exception).__name__
    print(f"    pool: invalidate ({reason})")


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    print("    pool: DBAPI connection closed")


print("1. close(): back to the pool, still open")
with engine.connect() as conn:
    conn.execute(select(1))
print("pooled connections:", engine.pool.checkedin())

print("2. invalidate(): the DBAPI connection is closed and dropped")
with engine.connect() as conn:
    conn.execute(select(1))
    conn.invalidate()
    print("conn.invalidated:", conn.invalidated, "/ conn.closed:", conn.closed)
    try:
        conn.execute(select(1))
    except PendingRollbackError:
        print("next execute: PendingRollbackError (its transaction was lost)")
    conn.rollback()
    conn.execute(select(1))  # gets a fresh DBAPI connection
    print("after rollback() and execute: conn.invalidated:", conn.invalidated)
assert not conn.invalidated

print("3. engine.dispose(): closes every connection the pool holds")
engine.dispose()
print("pooled connections:", engine.pool.checkedin())
assert engine.pool.checkedin() == 0
tmp.cleanup()
