"""A locking read gets the latest row; populate_existing() puts it in the object."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    stock: Mapped[int]


folder = tempfile.TemporaryDirectory()  # SQLite: a file, so two engines share it
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/items.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(Item(id=1, name="lamp", stock=10))
    session.commit()
other_engine = create_engine(url)  # stands for another process


def sell_one():
    """Another process sells a lamp, in a transaction of its own, and commits."""
    with Session(other_engine) as other, other.begin():
        other.execute(update(Item).where(Item.id == 1).values(stock=Item.stock - 1))
        left = other.scalar(select(Item.stock).where(Item.id == 1))
    print(f"    another process: sold one, committed; {left} left in the database")


def other_locks():
    """Another process asks for the row's lock, and does not wait for it."""
    query = select(Item.stock).where(Item.id == 1).with_for_update(nowait=True)
    with Session(other_engine) as other:
        try:
            other.scalar(query)
        except OperationalError as error:
            print("    another process:", error.orig)
            return False
    return True


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("SELECT"):
        locking = " ... FOR UPDATE" if "FOR UPDATE" in statement else ""
        print("    SQL: SELECT" + locking)  # SQLite has no FOR UPDATE: left out there


# --8<-- [start:steps]
session = Session(engine)
print("1. the session loads the lamp, then another process sells one")
lamp = session.get(Item, 1)
print("stock:", lamp.stock)
sell_one()

print("2. with_for_update(): a locking read")
locking_read = select(Item).where(Item.id == 1).with_for_update()
session.scalars(locking_read).one()
print("stock:", lamp.stock)

print("3. with_for_update() and populate_existing()")
session.scalars(locking_read.execution_options(populate_existing=True)).one()
print("stock:", lamp.stock)
assert lamp.stock == 9

print("4. another process tries to lock the row too")
got_it = other_locks()
print("another process got the lock:", got_it)
assert got_it == (engine.dialect.name == "sqlite")  # SQLite has no row locks
lamp.stock -= 1  # PostgreSQL, MariaDB: the row stays locked until commit()
session.commit()
session.close()
# --8<-- [end:steps]
