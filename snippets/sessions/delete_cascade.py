"""The ORM cascade deletes the children it loads; ON DELETE CASCADE deletes the rest."""

import atexit
import os
import re

from sqlalchemy import (
    ForeignKey,
    String,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # the ORM loads the addresses and deletes them
    addresses: Mapped[list["Address"]] = relationship(cascade="all, delete-orphan")
    # the ORM leaves the notes it has not loaded to the database's ON DELETE CASCADE
    notes: Mapped[list["Note"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE")
    )


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)


@event.listens_for(engine, "connect")
def enforce_foreign_keys(dbapi_connection, connection_record):
    if engine.dialect.name == "sqlite":  # SQLite checks foreign keys only when asked
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada", addresses=[Address()], notes=[Note(), Note()]))
    session.add(User(name="bob", addresses=[Address()], notes=[Note()]))
    session.add(User(name="cy", notes=[Note()]))
    session.add(User(name="dan", notes=[Note(), Note()]))
    session.commit()

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


count_notes = select(func.count()).select_from(Note)

# --8<-- [start:steps]
session = Session(engine)
print("1. session.delete(ada): one address, two notes")
ada = session.scalars(select(User).where(User.name == "ada")).one()
session.delete(ada)
session.commit()
notes = session.scalar(count_notes)
print("notes left (bob's, cy's and dan's):", notes)
assert notes == 4  # the database deleted ada's notes

print("2. session.delete(dan) after reading his two notes")
dan = session.scalars(select(User).where(User.name == "dan")).one()
dan_notes = dan.notes  # loaded: the ORM deletes these itself
session.delete(dan)
session.commit()
deleted = inspect(dan_notes[0]).was_deleted
print("his loaded notes deleted by the ORM:", deleted)
assert deleted

print("3. delete() by criteria: only ON DELETE CASCADE applies")
session.execute(delete(User).where(User.name == "cy"))  # cy has a note only
notes = session.scalar(count_notes)
print("notes left (bob's):", notes)
assert notes == 1
try:
    session.execute(delete(User).where(User.name == "bob"))  # bob has an address too
except IntegrityError as error:
    print("delete bob:", type(error).__name__)
session.rollback()
session.close()
# --8<-- [end:steps]
