"""pool_pre_ping=True tests each connection at checkout and replaces a dropped one."""

import itertools
import os
import tempfile

from sqlalchemy import create_engine, event, select

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/pre_ping.db")
engine = create_engine(url, pool_pre_ping=True)
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
print("1. one connection in the pool, then closed behind the pool's back")
with engine.connect() as conn:
    dropped = conn.connection.dbapi_connection  # the driver's own connection
dropped.close()  # stands in for the server ending it (a restart, wait_timeout)

print("2. the next checkout: pre-ping finds #1 dead, and the pool opens #2")
with engine.connect() as conn:
    result = conn.scalar(select(1))
print("SELECT 1 ->", result)
assert result == 1  # no error reached the code
# --8<-- [end:steps]
engine.dispose()
