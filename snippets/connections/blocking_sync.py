"""execute() blocks its thread: it returns only when the database answers."""

import atexit
import os
import tempfile
import threading
import time

from sqlalchemy import String, create_engine, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Counter(Base):
    __tablename__ = "counter"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[int]


folder = tempfile.TemporaryDirectory()  # a file database: two threads, two connections
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/blocking.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session, session.begin():
    session.add(Counter(name="visits", value=0))

# --8<-- [start:steps]
row_locked = threading.Event()
main_thread_waits = threading.Event()
events = []


def other_thread():
    with Session(engine) as session:
        session.execute(update(Counter).values(value=Counter.value + 1))
        print("other thread: row updated, transaction still open")
        row_locked.set()
        main_thread_waits.wait()
        time.sleep(0.5)  # makes the wait visible; the lock sets the order
        print("other thread: commit")
        events.append("commit")
        session.commit()


worker = threading.Thread(target=other_thread)
worker.start()
row_locked.wait()
with Session(engine) as session:
    print("main thread: execute(UPDATE) ...")
    main_thread_waits.set()
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
