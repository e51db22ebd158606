import itertools
import os
import sys
import time

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

url = os.environ.get("DATABASE_URL", "sqlite://")
admin = create_engine(url, poolclass=NullPool)  # a separate connection to watch the server
if admin.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
POSTGRESQL = admin.dialect.name == "postgresql"
# The server closes connections idle for more than 1 s. Set at connect time: a plain SET
# would run in a transaction on PostgreSQL, which the pool rolls back at checkin.
IDLE_TIMEOUT = ({"options": "-c idle_session_timeout=1s"} if POSTGRESQL  # PostgreSQL 14+
                else {"init_command": "SET SESSION wait_timeout = 1"})
ALIVE = ("SELECT count(*) FROM pg_stat_activity WHERE pid = :id" if POSTGRESQL
         else "SELECT count(*) FROM information_schema.processlist WHERE id = :id")


def wait_until_server_closes(connection_id):
    while True:  # a new connection each time: PostgreSQL caches pg_stat_activity per transaction
        with admin.connect() as conn:
            if not conn.scalar(text(ALIVE), {"id": connection_id}):
                return
        time.sleep(0.1)


def make_engine(**options):
    engine = create_engine(url, connect_args=IDLE_TIMEOUT, **options)
    numbers = itertools.count(1)

    def show(event_name, record):
        print(f"    pool: {event_name} #{record.info['n']}")

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


DEFENCES = [("", {}),
            (", pool_recycle=1", {"pool_recycle": 1}),
            (", pool_pre_ping=True", {"pool_pre_ping": True})]
for number, (arguments, options) in enumerate(DEFENCES, 1):
    print(f"{number}. create_engine(url{arguments})")
    engine = make_engine(**options)
    with engine.connect() as conn:
        connection_id = conn.scalar(
            text("SELECT pg_backend_pid()" if POSTGRESQL else "SELECT CONNECTION_ID()"))
    wait_until_server_closes(connection_id)
    print("  the server has closed #1 (idle for more than 1 s)")
    try:
        with engine.connect() as conn:
            print("  SELECT 1 ->", conn.scalar(text("SELECT 1")))
        failed = False
    except DBAPIError as error:
        print(f"  {type(error).__name__}, connection_invalidated={error.connection_invalidated}")
        print("  driver:", driver_message(error))
        failed = error.connection_invalidated
    assert failed == (not options)  # only the engine without a defence sees the error
    print("  engine.dispose():")
    engine.dispose()
