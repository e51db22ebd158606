"""An unclosed Connection with a transaction open waits for the garbage collector."""

import gc
import os
import tempfile

from sqlalchemy import create_engine, event, select

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/forgotten.db")
engine = create_engine(url)


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
gc.disable()  # pause the automatic collector, so that it runs only where we ask

print("1. connect(), execute(), commit(), no close(): del conn")
conn = engine.connect()
conn.execute(select(1))
conn.commit()  # no transaction open any more
del conn  # nothing else refers to it: freed, and returned, at once
checked_out = engine.pool.checkedout()
print("checked out:", checked_out)
assert checked_out == 0

print("2. connect(), execute(), no commit(), no close(): del conn")
conn = engine.connect()
conn.execute(select(1))  # begins a transaction, which refers back to conn
del conn  # the Connection and its transaction keep each other alive
checked_out = engine.pool.checkedout()
print("checked out:", checked_out)
assert checked_out == 1

print("3. the cyclic garbage collector runs")
gc.collect()
print("checked out:", engine.pool.checkedout())
gc.enable()
# --8<-- [end:steps]
engine.dispose()
