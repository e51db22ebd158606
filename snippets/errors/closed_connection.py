"""A Connection is closed for good when its with-block ends: work inside the block."""

import atexit
import os

from sqlalchemy import String, create_engine, insert, select
from sqlalchemy.exc import ResourceClosedError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with engine.begin() as conn:
    conn.execute(insert(User), [{"name": "ada"}, {"name": "grace"}])


# --8<-- [start:steps]
def get_connection():
    with engine.connect() as conn:
        return conn  # the block ends here, and closes conn


print("1. a connection returned out of its with-block")
conn = get_connection()
print("conn.closed:", conn.closed)
assert conn.closed
try:
    conn.execute(select(User.name))
except ResourceClosedError as error:
    print("conn.execute():", type(error).__name__ + ":", error)

print("2. a Session bound to a connection whose block has ended")
with engine.connect() as conn:
    session = Session(bind=conn)  # the Session uses this very Connection
    names = session.scalars(select(User.name).order_by(User.id)).all()
    print("inside the block:", names)
try:
    session.scalars(select(User.name)).all()
except ResourceClosedError as error:
    print("after the block:", type(error).__name__ + ":", error)
session.close()


def get_names():
    with engine.connect() as conn:
        # the rows are read here, before the block ends
        return conn.scalars(select(User.name).order_by(User.id)).all()


def get_names_with(conn):
    return conn.scalars(select(User.name).order_by(User.id)).all()


print("3. fixed: read the rows in the block, or pass the open connection in")
print("get_names():", get_names())
with engine.connect() as conn:  # one block open around all the work
    print("get_names_with(conn):", get_names_with(conn))
# --8<-- [end:steps]
