"""After commit() or rollback(), the next read sees what others committed."""

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
lamp = session.get(Item, 1)
print("1. loaded: stock", lamp.stock)

sell_one()
session.rollback()  # ends the transaction and expires lamp (nothing to lose here)
print("2. rollback(), then read: stock", lamp.stock)

sell_one()
session.commit()  # ends the transaction and expires lamp
print("3. commit(), then read: stock", lamp.stock)
assert lamp.stock == 8
session.close()
# --8<-- [end:steps]
