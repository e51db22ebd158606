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


tmp = tempfile.TemporaryDirectory()
# A file database: two threads need two connections to the same data.
engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/blocking.db"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session, session.begin():
    session.add(Counter(name="visits", value=0))

row_locked = threading.Event()
events = []


def other_thread():
    with Session(engine) as session:
        session.execute(update(Counter).values(value=Counter.value + 1))
        print("other thread: row updated, transaction still open")
        row_locked.set()
        time.sleep(0.5)  # keep the lock while the main thread waits
        print("other thread: commit")
        events.append("commit")
        session.commit()


worker = threading.Thread(target=other_thread)
worker.start()
row_locked.wait()
with Session(engine) as session:
    print("main thread: execute(UPDATE) ...")
    session.execute(update(Counter).values(value=Counter.value + 10))
    events.append("main thread resumed")
    print("main thread: ... execute() returned")
    session.commit()
worker.join()

with Session(engine) as session:
    value = session.scalar(select(Counter.value))
print("value:", value)
# execute() did not return until the other transaction had committed
assert events == ["commit", "main thread resumed"] and value == 11
engine.dispose()
tmp.cleanup()
