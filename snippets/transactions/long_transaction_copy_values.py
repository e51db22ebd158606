"""After commit(), reading an attribute of a loaded object begins a new transaction."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    stock: Mapped[int]


# SQLite: a file, so that the engine has a pool that counts its connections
folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/items.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(Item(id=1, name="lamp", stock=10))
    session.commit()


# --8<-- [start:steps]
print("1. read the lamp, copy its name, commit()")
with Session(engine) as session:
    lamp = session.get(Item, 1)
    name = lamp.name  # copied while the transaction is open
    session.commit()  # expires lamp
    print("name:", name)
    print("checked out of the pool:", engine.pool.checkedout())

    print("2. the slow work reads lamp.name instead of the copy")
    print("name:", lamp.name)  # expired: loaded again, in a new transaction
    print("in a transaction:", session.in_transaction())
    print("checked out of the pool:", engine.pool.checkedout())
    assert session.in_transaction()

print("3. the same with expire_on_commit=False: nothing to load")
with Session(engine, expire_on_commit=False) as session:
    lamp = session.get(Item, 1)
    session.commit()
    print("name:", lamp.name)
    print("in a transaction:", session.in_transaction())
    print("checked out of the pool:", engine.pool.checkedout())
# --8<-- [end:steps]
