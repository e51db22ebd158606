"""Objects pending in a Session at the fork are inserted by the child and the parent."""

import atexit
import multiprocessing
import os
import tempfile

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs the fork start method: Linux, or macOS when asked for explicitly; not Windows.


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "purchase_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(50))


folder = (
    tempfile.TemporaryDirectory()
)  # a SQLite file database, which both processes use
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/fork.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit


# --8<-- [start:steps]
def child_saves_a_report():
    engine.dispose(close=False)  # a connection of its own: that part is right
    session.add(Order(item="report"))
    session.commit()  # flushes everything pending in its copy of the session


fork = multiprocessing.get_context("fork")
print("1. the parent adds an order; the session has not flushed it yet")
session = Session(engine)
session.add(Order(item="book"))

print("2. a forked child commits through its copy of the session")
child = fork.Process(target=child_saves_a_report)
child.start()
child.join()

print("3. the parent commits")
session.commit()
items = session.scalars(select(Order.item).order_by(Order.item)).all()
print("    orders:", items)
assert items.count("book") == 2
session.close()
# --8<-- [end:steps]
engine.dispose()
