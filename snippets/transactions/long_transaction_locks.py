"""A row updated in a transaction that stays open makes other writers wait for it."""

import atexit
import os
import queue
import sys
import threading
import time

from sqlalchemy import String, create_engine, select, text, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    stock: Mapped[int]


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
if engine.dialect.name not in ("postgresql", "mysql", "mariadb"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
POSTGRESQL = engine.dialect.name == "postgresql"
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(Item(id=1, name="lamp", stock=10))
    session.commit()

# A second connection that reads the server's lock view, one statement per transaction
watcher = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
CONNECTION_ID = "SELECT pg_backend_pid()" if POSTGRESQL else "SELECT CONNECTION_ID()"
BLOCKERS = (
    "SELECT unnest(pg_blocking_pids(:waiting))"
    if POSTGRESQL
    else "SELECT b.trx_mysql_thread_id FROM information_schema.innodb_lock_waits w"
    " JOIN information_schema.innodb_trx b ON b.trx_id = w.blocking_trx_id"
    " JOIN information_schema.innodb_trx r ON r.trx_id = w.requesting_trx_id"
    " WHERE r.trx_mysql_thread_id = :waiting"
)


def blockers(connection_id):
    """The connections whose locks the given connection waits for."""
    deadline = time.monotonic() + 30
    while True:  # until the server shows the wait (its view may lag a little)
        with watcher.connect() as conn:
            found = conn.scalars(text(BLOCKERS), {"waiting": connection_id}).all()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


b_connection = queue.Queue()


def request_b():
    """Another request that takes one lamp: its UPDATE needs the same row."""
    with Session(engine) as session:
        b_connection.put(session.scalar(text(CONNECTION_ID)))
        session.execute(update(Item).where(Item.id == 1).values(stock=Item.stock - 1))
        print("    B: UPDATE done")
        session.commit()


# --8<-- [start:steps]
print("1. request A takes a lamp, then calls a slow service in its transaction")
session = Session(engine)
a = session.scalar(text(CONNECTION_ID))
lamp = session.get(Item, 1)
lamp.stock -= 1
session.flush()  # UPDATE sent: the row stays locked until the transaction ends

print("2. meanwhile, request B takes one lamp too")
thread = threading.Thread(target=request_b)
thread.start()
b = b_connection.get()
waits_for_a = blockers(b) == [a]
print("server: B waits for a lock that A holds:", waits_for_a)
assert waits_for_a
print("checked out of the pool:", engine.pool.checkedout())

print("3. the slow service answers; A commits")
session.commit()
thread.join()  # B's UPDATE could only go through now
session.close()

with Session(engine) as session:
    print("stock:", session.scalar(select(Item.stock).where(Item.id == 1)))
# --8<-- [end:steps]
