"""A query hands back the object the session already holds, with its old values."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event, select, update
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


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
session = Session(engine)
print("1. the session loads the lamp")
lamp = session.get(Item, 1)
print("stock:", lamp.stock)

print("2. another process changes the row")
sell_one()

print("3. the same query again, asking for the stock column as well")
query = select(Item, Item.stock).where(Item.id == 1)
again, stock_in_row = session.execute(query).one()
print("same object:", again is lamp)
print("the row's stock:", stock_in_row)
print("the object's stock:", again.stock)
assert again.stock == 10  # loaded values are not overwritten by a query

print("4. get() by primary key")
print("stock:", session.get(Item, 1).stock)  # found in the session: no SQL at all
session.close()
# --8<-- [end:steps]
