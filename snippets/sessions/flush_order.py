"""A relationship() (not viewonly) has the flush insert parents first, delete last."""

import atexit
import os
import re

from sqlalchemy import ForeignKey, String, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


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
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship()  # tells the flush that users come first


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(viewonly=True)  # tells the flush nothing


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
print("1. add the address before its user")
ada = User(name="ada")
address = Address(email="ada@example.com", user=ada)
session.add(address)
session.add(ada)
session.flush()
print("address.user_id is ada.id:", address.user_id == ada.id)
assert address.user_id == ada.id

print("2. delete the user before its address")
session.delete(ada)
session.delete(address)
session.commit()

print("3. add an address that sets only user_id, then its user")
session.add(Address(email="grace@example.com", user_id=10))
session.add(User(id=10, name="grace"))
session.commit()

print("4. the same with a note, whose relationship() is viewonly")
session.add(Note(user_id=20))
session.add(User(id=20, name="hedy"))
try:
    session.commit()  # the note comes first
except IntegrityError as error:
    print("commit():", type(error).__name__)
session.rollback()
session.close()
# --8<-- [end:steps]
