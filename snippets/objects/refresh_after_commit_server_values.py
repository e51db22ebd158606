"""expire_on_commit=False does not load what an UPDATE computed: refresh() does."""

import atexit
import os

from sqlalchemy import Computed, String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    price: Mapped[int]
    quantity: Mapped[int]
    # Filled in by the database: status on INSERT, total on INSERT and UPDATE
    status: Mapped[str] = mapped_column(String(20), server_default="new")
    total: Mapped[int] = mapped_column(Computed("price * quantity", persisted=True))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    returning = " ... RETURNING" if "RETURNING" in statement else ""
    print("    SQL:", statement.split()[0] + returning)


# --8<-- [start:steps]
print("1. INSERT: status and total come back with the row")
with Session(engine, expire_on_commit=False) as session:
    item = Item(id=1, price=2, quantity=3)
    session.add(item)
    session.commit()
    print("not loaded:", sorted(inspect(item).unloaded))


def change_quantity(quantity, refresh):
    with Session(engine, expire_on_commit=False) as session:
        item = session.get(Item, 1)
        item.quantity = quantity
        session.commit()  # the database computes the new total
        print("not loaded:", sorted(inspect(item).unloaded))
        if refresh:
            session.refresh(item)
    return item  # the with-block has closed the session


print("2. UPDATE, then the object is used after the session closed")
item = change_quantity(4, refresh=False)
print("quantity:", item.quantity)
try:
    item.total
except DetachedInstanceError as error:
    print("total:", type(error).__name__)

print("3. UPDATE, then refresh() before the session closes")
item = change_quantity(5, refresh=True)
print("total:", item.total)
assert item.total == 10
# --8<-- [end:steps]
