import os

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import QueuePool

engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"), poolclass=QueuePool)
pool = engine.pool

print("Pool.add_listener exists:", hasattr(pool, "add_listener"))
print("Pool.unique_connection exists:", hasattr(pool, "unique_connection"))
assert not hasattr(pool, "add_listener") and not hasattr(pool, "unique_connection")


# Pool.add_listener(listener) -> pool events, on the engine or on the pool
@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("  event: new DBAPI connection")


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("  event: checkout")


# Pool.unique_connection() -> pool.connect(): every checkout is its own connection
first = pool.connect()
second = pool.connect()
print("two checkouts, two connections:", first.dbapi_connection is not second.dbapi_connection)
first.close()
second.close()

with engine.connect() as conn:
    print("SELECT 1 ->", conn.scalar(text("SELECT 1")))

# Pool(use_threadlocal=True) and Pool(listeners=[...]) -> gone; events= still works
for keyword in ("use_threadlocal", "listeners"):
    try:
        QueuePool(lambda: None, **{keyword: True})  # the creator is never called
    except TypeError:
        print(f"QueuePool({keyword}=...): TypeError")
