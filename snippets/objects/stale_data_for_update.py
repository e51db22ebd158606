"""A locking read gets the latest row; populate_existing() puts it in the object."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    stock: Mapped[int]


# SQLite: a file, so that the other engine below gets connections of its own
url = os.environ.get("DATABASE_URL", "sqlite:///stale_data.db")
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
lamp.stock -= 1  # the row stays locked until commit: no one else sells this lamp
session.commit()
session.close()
# --8<-- [end:steps]
