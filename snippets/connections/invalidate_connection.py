"""conn.invalidate() closes that one DBAPI connection; the pool replaces only it."""

import itertools
import os
import tempfile

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import PendingRollbackError

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/invalidate.db")
engine = create_engine(url)
numbers = itertools.count(1)  # the pool's DBAPI connections, in the order opened
opened = []


def show(event_name, connection_record):
    print(f"    pool: {event_name} #{connection_record.info['n']}")


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    connection_record.info["n"] = next(numbers)
    opened.append(connection_record.info["n"])
    show("connect", connection_record)


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    show("checkout", connection_record)


@event.listens_for(engine, "reset")
def on_reset(dbapi_connection, connection_record, reset_state):
    show("reset", connection_record)


@event.listens_for(engine, "invalidate")
def on_invalidate(dbapi_connection, connection_record, exception):
    show("invalidate", connection_record)


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    show("close", connection_record)


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    show("checkin", connection_record)


# --8<-- [start:steps]
print("1. two connections, then close(): both stay open in the pool")
first, second = engine.connect(), engine.connect()
first.close()
second.close()
print("idle in the pool:", engine.pool.checkedin())

print("2. invalidate() in the middle of a transaction")
with engine.connect() as conn:
    conn.execute(select(1))
    conn.invalidate()
    print("conn.invalidated:", conn.invalidated, "| conn.closed:", conn.closed)
    try:
        conn.execute(select(1))
    except PendingRollbackError as error:
        print("next execute():", type(error).__name__)
    conn.rollback()
    conn.execute(select(1))  # checks out a connection from the pool again
    print("after rollback(), execute() works; invalidated:", conn.invalidated)

print("3. two connections again: #2 is reused, #1 is replaced")
first, second = engine.connect(), engine.connect()
first.close()
second.close()
print("opened in all:", opened)
assert opened == [1, 2, 3]

print("4. engine.dispose(): closes every connection the pool holds")
engine.dispose()
# --8<-- [end:steps]
