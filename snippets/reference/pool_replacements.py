"""Pool events replace Pool.add_listener(), and pool.connect() unique_connection()."""

import os

from sqlalchemy import create_engine, event
from sqlalchemy.pool import QueuePool

engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"), poolclass=QueuePool)
pool = engine.pool

# --8<-- [start:steps]
print("1. Pool.add_listener(), Pool(listeners=...): pool events instead")
print("has add_listener:", hasattr(pool, "add_listener"))
try:
    QueuePool(lambda: None, listeners=[])  # the creator is never called
except TypeError as error:
    print("QueuePool(listeners=...):", error)


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new DBAPI connection")


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: checkout")


print("2. Pool.unique_connection(), Pool(use_threadlocal=True): pool.connect()")
print("has unique_connection:", hasattr(pool, "unique_connection"))
first = pool.connect()
second = pool.connect()
different = first.dbapi_connection is not second.dbapi_connection
print("two checkouts from a QueuePool, two DBAPI connections:", different)
assert different
first.close()
second.close()
# --8<-- [end:steps]
