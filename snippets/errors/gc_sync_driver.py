"""The collector returns a sync driver's unclosed connection to the pool, silently."""

import gc
import os
import tempfile
import warnings

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/gc.db")
engine = create_engine(url)
gc.disable()  # Python would run the collector at a moment of its choosing


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new connection opened")


@event.listens_for(engine, "reset")
def on_reset(dbapi_connection, connection_record, reset_state):
    if not reset_state.transaction_was_reset:  # nobody rolled it back before
        print("    pool: rollback")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
def load_page():
    session = Session(engine)  # never closed
    return session.scalar(select(1))


print("1. a session that is never closed, then gc.collect()")
load_page()
print("checked out:", engine.pool.checkedout())
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    gc.collect()
print("warnings:", len(caught))
assert caught == []
print("checked out:", engine.pool.checkedout())

print("2. the next session reuses that connection")
with Session(engine) as session:
    session.scalar(select(1))
# --8<-- [end:steps]
