import os
import tempfile

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DBAPIError

tmp = tempfile.TemporaryDirectory()
# A file database, so that SQLite uses a QueuePool as MySQL would.
url = os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/invalidate.db")


def watch(engine):
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        print("    pool: DBAPI connection opened")

    @event.listens_for(engine, "invalidate")
    def on_invalidate(dbapi_connection, connection_record, exception):
        print("    pool: invalidate (disconnect detected)")

    @event.listens_for(engine, "close")
    def on_close(dbapi_connection, connection_record):
        print("    pool: DBAPI connection closed")


def drop_pooled_connection(engine):
    """Stand in for the server closing an idle connection (wait_timeout, restart)."""
    with engine.connect() as conn:
        dbapi_connection = conn.connection.dbapi_connection
    dbapi_connection.close()  # the pool still holds it and believes it is open


print("1. default engine: the first use after the drop fails")
engine = create_engine(url)
watch(engine)
drop_pooled_connection(engine)
try:
    with engine.connect() as conn:
        conn.execute(select(1))
except DBAPIError as error:
    print("error raised; error.connection_invalidated:", error.connection_invalidated)
    assert error.connection_invalidated
with engine.connect() as conn:
    print("the next use works:", conn.scalar(select(1)))
engine.dispose()

print("2. pool_pre_ping=True: tested at checkout and replaced, no error")
engine = create_engine(url, pool_pre_ping=True)
watch(engine)
drop_pooled_connection(engine)
with engine.connect() as conn:
    print("first use after the drop:", conn.scalar(select(1)))
engine.dispose()
tmp.cleanup()
