"""Without a relationship(), the flush takes the classes in the order of their names."""

import atexit
import os
import re

from sqlalchemy import ForeignKey, String, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    # a foreign key column, but no relationship() between the two classes
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class Visit(Base):
    __tablename__ = "page_visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    # the same: a foreign key column, no relationship()
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)


@event.listens_for(engine, "connect")
def enforce_foreign_keys(dbapi_connection, connection_record):
    if engine.dialect.name == "sqlite":  # SQLite checks foreign keys only when asked
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


# --8<-- [start:steps]
session = Session(engine)
print("1. add a user, then a visit that points to it by user_id")
session.add(User(id=1, name="ada"))
session.add(Visit(user_id=1))
session.commit()  # User sorts before Visit: the user comes first

print("2. add a user, then an address that points to it by user_id")
session.add(User(id=2, name="bob"))
session.add(Address(email="bob@example.com", user_id=2))
try:
    session.flush()  # Address sorts before User: the address comes first
except IntegrityError as error:
    print("flush():", type(error).__name__)
session.rollback()

print("3. flush the user before adding the address")
session.add(User(id=2, name="bob"))
session.flush()
session.add(Address(email="bob@example.com", user_id=2))
session.commit()
session.close()
# --8<-- [end:steps]
