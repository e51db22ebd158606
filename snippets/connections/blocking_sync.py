"""execute() blocks its thread: it returns only when the database answers."""

import atexit
import os
import tempfile
import threading
import time

from sqlalchemy import String, create_engine, event, select, text, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Counter(Base):
    __tablename__ = "counter"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[int]


updates_started = []  # SQLite only: the UPDATEs it began, the other thread's first


def on_statement(sql):
    if sql.startswith("UPDATE"):
        updates_started.append(sql)


def trace_sqlite(dbapi_connection, connection_record):
    dbapi_connection.set_trace_callback(on_statement)  # each statement SQLite starts


folder = tempfile.TemporaryDirectory()  # a file database: two threads, two connections
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/blocking.db")
engine = create_engine(url)
if engine.dialect.name == "sqlite":
    event.listen(engine, "connect", trace_sqlite)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session, session.begin():
    session.add(Counter(name="visits", value=0))

# Transactions waiting for a lock held by the session that asks
LOCK_WAITS = {
    "postgresql": "SELECT count(*) FROM pg_locks"
    " WHERE NOT granted AND pg_backend_pid() = ANY (pg_blocking_pids(pid))",
    "mysql": "SELECT count(*) FROM information_schema.innodb_lock_waits w"
    " JOIN information_schema.innodb_trx t ON t.trx_id = w.blocking_trx_id"
    " WHERE t.trx_mysql_thread_id = CONNECTION_ID()",
}


def database_shows_a_waiter(session, seconds=30):
    """Poll the database until a transaction waits for this session's lock."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if engine.dialect.name == "sqlite":
            # No table of lock waits: the main thread's UPDATE has started, and it
            # cannot finish while this session holds the write lock
            found = len(updates_started) == 2
        else:
            found = session.scalar(text(LOCK_WAITS[engine.dialect.name]))
        if found:
            return True
        time.sleep(0.2)  # MariaDB refreshes its lock tables after 0.1 s unread
    return False


# --8<-- [start:steps]
row_locked = threading.Event()
events = []


def other_thread():
    with Session(engine) as session:
        session.execute(update(Counter).values(value=Counter.value + 1))
        print("other thread: row updated, transaction still open")
        row_locked.set()
        waiting = database_shows_a_waiter(session)
        print("other thread: the database shows the main thread waiting:", waiting)
        assert waiting
        print("other thread: commit")
        events.append("commit")
        session.commit()


worker = threading.Thread(target=other_thread)
worker.start()
row_locked.wait()
with Session(engine) as session:
    print("main thread: execute(UPDATE) ...")
    session.execute(update(Counter).values(value=Counter.value + 10))  # waits
    events.append("main thread resumed")
    print("main thread: ... execute() returned")
    session.commit()
worker.join()
print("order:", events)
assert events == ["commit", "main thread resumed"]

with Session(engine) as session:
    print("value:", session.scalar(select(Counter.value)))
# --8<-- [end:steps]
