"""A transaction kept open across slow work holds its pool connection all that time."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, select, update
from sqlalchemy.exc import TimeoutError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    stock: Mapped[int]


folder = (
    tempfile.TemporaryDirectory()
)  # SQLite: a file, so that the engine has a QueuePool
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/pool.db")
# A pool of one connection, and a short wait for it, so that the cost shows at once
engine = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.5)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(Item(id=1, name="lamp", stock=10))
    session.commit()


def another_request():
    """A request that arrives while the slow work runs, and takes one lamp."""
    try:
        with Session(engine) as session:
            session.execute(
                update(Item).where(Item.id == 1).values(stock=Item.stock - 1)
            )
            session.commit()
        print("    another request: served")
    except TimeoutError as error:
        print("    another request:", type(error).__name__, str(error).split(",")[0])


def slow_service():
    """Stands for a payment API or an upload that takes seconds."""
    print("    slow work; checked out of the pool:", engine.pool.checkedout())
    another_request()


# --8<-- [start:steps]
print("1. the slow work inside the transaction")
with Session(engine) as session:
    lamp = session.get(Item, 1)  # the SELECT begins the transaction
    slow_service()
    lamp.stock -= 1
    session.commit()

print("2. the slow work between two short transactions")
with Session(engine) as session:
    lamp = session.get(Item, 1)
    session.commit()  # the transaction ends, the connection goes back to the pool
slow_service()
with Session(engine) as session:  # a new short transaction for the write
    session.execute(update(Item).where(Item.id == 1).values(stock=Item.stock - 1))
    session.commit()

with Session(engine) as session:
    stock = session.scalar(select(Item.stock).where(Item.id == 1))
print("stock:", stock)
assert stock == 7  # 10, less A's two lamps and the one request that was served
# --8<-- [end:steps]
