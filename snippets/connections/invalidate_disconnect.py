"""A dropped connection fails one statement, and the pool replaces every older one."""

import itertools
import os
import tempfile

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DBAPIError

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/disconnect.db")
engine = create_engine(url)
numbers = itertools.count(1)  # the pool's DBAPI connections, in the order opened


def show(event_name, connection_record):
    print(f"    pool: {event_name} #{connection_record.info['n']}")


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    connection_record.info["n"] = next(numbers)
    show("connect", connection_record)


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    show("checkout", connection_record)


@event.listens_for(engine, "invalidate")
def on_invalidate(dbapi_connection, connection_record, exception):
    show("invalidate", connection_record)


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    show("close", connection_record)


# --8<-- [start:steps]
print("1. two connections in the pool; #1 is closed behind the pool's back")
first, second = engine.connect(), engine.connect()
dropped = first.connection.dbapi_connection  # the driver's own connection
first.close()  # returned first, so the pool hands out #1 next
second.close()
dropped.close()  # stands in for the server ending it (a restart, wait_timeout)

print("2. the next checkout: #1, and its first statement fails")
try:
    with engine.connect() as conn:
        conn.execute(select(1))
except DBAPIError as error:
    invalidated = error.connection_invalidated
    print(f"{type(error).__name__}, connection_invalidated={invalidated}")
    assert invalidated

print("3. the checkout after it: #2 worked, but it is older than the failure")
with engine.connect() as conn:
    print("SELECT 1 ->", conn.scalar(select(1)))
# --8<-- [end:steps]
engine.dispose()
