"""With isolation_level AUTOCOMMIT, the driver commits each statement at once."""

import atexit
import os

from sqlalchemy import String, create_engine, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit


def bodies():
    with engine.connect() as conn:
        return conn.scalars(select(Note.body).order_by(Note.id)).all()


# --8<-- [start:steps]
print("1. one connection in AUTOCOMMIT")
with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
    conn.execute(insert(Note), {"body": "autocommit connection"})
    first = conn.connection.dbapi_connection  # the driver's own connection
    print("SQLAlchemy still reports a transaction:", conn.in_transaction())
    conn.rollback()  # accepted, but the driver has already committed
rows = bodies()
print("rows:", rows)
assert rows == ["autocommit connection"]

print("2. an AUTOCOMMIT copy of the engine")
autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
print("same pool as engine:", autocommit_engine.pool is engine.pool)
with autocommit_engine.connect() as conn:
    conn.execute(insert(Note), {"body": "autocommit engine"})
print("rows:", bodies())

print("3. engine.connect() again: normal transactions")
with engine.connect() as conn:
    same = conn.connection.dbapi_connection is first
    print("same DBAPI connection as in 1:", same)
    conn.execute(insert(Note), {"body": "normal, no commit"})
rows = bodies()
print("rows:", rows)
assert rows == ["autocommit connection", "autocommit engine"]
# --8<-- [end:steps]
