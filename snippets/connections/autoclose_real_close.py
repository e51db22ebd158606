import os
import tempfile

from sqlalchemy import NullPool, create_engine, event, select

tmp = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/autoclose.db")
closed = []


def watch(engine):
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        print("    pool: DBAPI connection opened")

    @event.listens_for(engine, "checkin")
    def on_checkin(dbapi_connection, connection_record):
        print("    pool: returned")

    @event.listens_for(engine, "close")
    def on_close(dbapi_connection, connection_record):
        closed.append(1)
        print("    pool: DBAPI connection closed")


print("1. QueuePool keeps pool_size connections; extra (overflow) ones are closed")
engine = create_engine(url, pool_size=1, max_overflow=1)
watch(engine)
first = engine.connect()
second = engine.connect()  # the pool is full, so this one is overflow
print("first.close()")
first.close()
print("second.close()")
second.close()
print("kept open in the pool:", engine.pool.checkedin())
assert closed == [1] and engine.pool.checkedin() == 1

print("2. engine.dispose() closes what the pool holds")
engine.dispose()
assert closed == [1, 1]

print("3. NullPool: every close() really closes")
engine = create_engine(url, poolclass=NullPool)
watch(engine)
for _ in range(2):
    with engine.connect() as conn:
        conn.execute(select(1))
assert closed == [1, 1, 1, 1]
tmp.cleanup()
