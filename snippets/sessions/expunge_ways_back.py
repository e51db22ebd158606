"""Bring a detached object back: add(), merge(), or make_transient() for a new row."""

import atexit
import os
import re

from sqlalchemy import ForeignKey, String, create_engine, event, inspect, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    make_transient,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(String(50), deferred=True)  # loaded on access
    addresses: Mapped[list["Address"]] = relationship()  # loaded on access


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada", bio="mathematician", addresses=[Address()]))
    session.commit()

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


def load_ada(session):
    return session.scalars(select(User).where(User.name.startswith("ada"))).one()


# --8<-- [start:steps]
print("1. add() attaches the detached object again")
with Session(engine) as session:
    ada = load_ada(session)
# the with-block closed the session: ada is detached
with Session(engine) as session:
    session.add(ada)
    print("persistent:", inspect(ada).persistent)
    print("bio (deferred) loads now:", ada.bio)

print("2. when the session already holds the row: add() fails, merge() works")
ada.name = "ada lovelace"  # changed while detached
with Session(engine) as session:
    loaded = load_ada(session)  # the session's own object for the same row
    try:
        session.add(ada)
    except InvalidRequestError as error:
        print("add():", type(error).__name__)
    merged = session.merge(ada)
    print(
        "merged is loaded:", merged is loaded, "| ada detached:", inspect(ada).detached
    )
    assert merged is loaded
    session.commit()

print("3. make_transient() forgets the row")
with Session(engine) as session:
    copy = load_ada(session)
    make_transient(copy)
    print("transient:", inspect(copy).transient, "| bio (not loaded):", copy.bio)
    print("addresses (not loaded):", copy.addresses)
    assert copy.addresses == []
    copy.id = None  # let the database assign a new primary key
    copy.name, copy.bio = "ada (copy)", "copied"
    session.add(copy)
    session.commit()
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada lovelace", "ada (copy)"]
# --8<-- [end:steps]
