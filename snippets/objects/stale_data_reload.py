"""Reloading reads the row as the transaction sees it: old under REPEATABLE READ."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, select, update
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
# Drop the tables when the script ends, through an engine of its own
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


# --8<-- [start:steps]
session = Session(engine)
level = session.connection().get_isolation_level()
print("isolation level:", level)
lamp = session.get(Item, 1)
print("1. loaded: stock", lamp.stock)

sell_one()
query = select(Item).where(Item.id == 1)
session.scalars(query.execution_options(populate_existing=True)).one()
print("2. populate_existing(): stock", lamp.stock)

sell_one()
session.expire(lamp)  # no SQL yet: the next read loads the row
print("3. expire(), then read: stock", lamp.stock)

sell_one()
session.refresh(lamp)  # a SELECT, now
print("4. refresh(): stock", lamp.stock)
assert (lamp.stock == 10) == (level == "REPEATABLE READ")

locking_read = query.with_for_update().execution_options(populate_existing=True)
session.scalars(locking_read).one()  # reads the latest committed row
print("5. with_for_update(): stock", lamp.stock)
session.refresh(lamp)  # a plain SELECT again
print("6. refresh() after it: stock", lamp.stock)
assert (lamp.stock == 10) == (level == "REPEATABLE READ")
session.close()
# --8<-- [end:steps]
