"""Without a delete cascade, children in the parent's relationship() get a NULL key."""

import atexit
import os
import re

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # relationship() with the default cascade, which has no "delete"
    notes: Mapped[list["Note"]] = relationship()
    addresses: Mapped[list["Address"]] = relationship()


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # NULL


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))  # NOT NULL


class Comment(Base):
    __tablename__ = "comment"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # NULL
    # a relationship from the child only: User has none to its comments
    user: Mapped[User | None] = relationship()


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
    session.add(User(name="bob", notes=[Note()]))
    session.add(User(name="ada", addresses=[Address()]))
    session.add(Comment(user=User(name="cy")))
    session.commit()

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


# --8<-- [start:steps]
session = Session(engine)
print("1. delete bob, whose note has a nullable user_id")
bob = session.scalars(select(User).where(User.name == "bob")).one()
session.delete(bob)
session.commit()
note_user_ids = session.scalars(select(Note.user_id)).all()
print("note.user_id after the delete:", note_user_ids)
assert note_user_ids == [None]  # the note is kept, pointing at no one

print("2. delete ada, whose address has a NOT NULL user_id")
ada = session.scalars(select(User).where(User.name == "ada")).one()
session.delete(ada)
try:
    session.commit()
except IntegrityError as error:
    print("commit():", type(error).__name__)
session.rollback()

print("3. delete cy, whose comment he has no relationship() to")
cy = session.scalars(select(User).where(User.name == "cy")).one()
session.delete(cy)
try:
    session.commit()  # only cy's DELETE: nothing sets comment.user_id to NULL
except IntegrityError as error:
    print("commit():", type(error).__name__)
session.rollback()
session.close()
# --8<-- [end:steps]
