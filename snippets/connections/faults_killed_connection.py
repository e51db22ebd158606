import itertools
import os
import sys

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

url = os.environ.get("DATABASE_URL", "sqlite://")
admin = create_engine(url, poolclass=NullPool)  # a separate connection, as a DBA would use
if admin.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
POSTGRESQL = admin.dialect.name == "postgresql"
events = []


def server_id(conn):
    return conn.scalar(text("SELECT pg_backend_pid()" if POSTGRESQL else "SELECT CONNECTION_ID()"))


def kill(connection_id):
    with admin.connect() as conn:
        if POSTGRESQL:  # the 5000 ms timeout makes it wait until the backend has exited
            conn.execute(text("SELECT pg_terminate_backend(:id, 5000)"), {"id": connection_id})
        else:
            conn.execute(text("KILL :id"), {"id": connection_id})


def make_engine(**options):
    engine = create_engine(url, **options)
    numbers = itertools.count(1)

    def show(event_name, record):
        events.append(f"{event_name} #{record.info['n']}")
        print("    pool:", events[-1])

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        record.info["n"] = next(numbers)
        show("connect", record)

    event.listen(engine, "checkout", lambda dbapi_conn, record, proxy: show("checkout", record))
    event.listen(engine, "invalidate", lambda dbapi_conn, record, error: show("invalidate", record))
    event.listen(engine, "close", lambda dbapi_conn, record: show("close", record))
    return engine


def driver_message(error):
    orig = error.orig  # the driver's own exception
    if POSTGRESQL:
        return f"{type(orig).__name__}: {orig}"
    code, message = orig.args  # PyMySQL; the message ends in OS details that vary, cut them
    return f"{code} {message.split(' (')[0]}"


def query(engine):
    try:
        with engine.connect() as conn:
            print("  SELECT 1 ->", conn.scalar(text("SELECT 1")))
    except DBAPIError as error:
        print(f"  {type(error).__name__}, connection_invalidated={error.connection_invalidated}")
        print("  driver:", driver_message(error))
        return error


for number, pre_ping in ((1, False), (2, True)):
    print(f"{number}. create_engine(url, pool_pre_ping={pre_ping})")
    engine = make_engine(pool_pre_ping=pre_ping)
    first, second = engine.connect(), engine.connect()  # two connections in the pool
    victim = server_id(first)
    first.close()  # returned first, so the pool hands out #1 next (it is a FIFO queue)
    second.close()
    print("  the server kills #1 while it is idle in the pool")
    kill(victim)
    events.clear()
    print("  next checkout:")
    error = query(engine)
    assert (error is not None and error.connection_invalidated) == (not pre_ping)
    print("  the checkout after it:")
    assert query(engine) is None
    assert "close #2" in events  # #2 was alive, but opened before the disconnect: replaced too
    print("  engine.dispose():")
    engine.dispose()
