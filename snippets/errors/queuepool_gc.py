"""An unreferenced Session keeps its connection until the garbage collector runs."""

import gc
import os
import tempfile

from sqlalchemy import create_engine, event, exc, select
from sqlalchemy.orm import Session

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/gc.db")
engine = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.1)
gc.disable()  # Python would run the collector at a moment of its choosing


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
def load_page():
    session = Session(engine)  # never closed
    result = session.scalar(select(1))
    transaction = session.get_transaction()
    print("transaction refers to the session:", transaction.session is session)
    return result


print("1. load_page() returns; nothing references its Session any more")
load_page()
print("checked out:", engine.pool.checkedout())
assert engine.pool.checkedout() == 1  # the Session still exists, and holds it

print("2. the next checkout waits for that connection")
try:
    engine.connect()
except exc.TimeoutError as error:
    print(f"{type(error).__name__}: {error}")

print("3. gc.collect()")
gc.collect()  # frees the Session and its transaction, which refer to each other
print("checked out:", engine.pool.checkedout())
assert engine.pool.checkedout() == 0  # the collector freed the Session
# --8<-- [end:steps]
engine.dispose()
