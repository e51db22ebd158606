"""commit() expires the objects, then returns the connection; the session stays open."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, inspect, select
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
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


@event.listens_for(User, "expire")
def on_expire(user, attribute_names):
    print(f"    session: user {inspect(user).identity[0]} expired")


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
session = Session(engine)
ada = User(name="ada")
session.add(ada)
print("1. commit()")
session.commit()
print("in a transaction:", session.in_transaction())
assert not session.in_transaction()
print("ada in the session:", ada in session, "| persistent:", inspect(ada).persistent)
assert inspect(ada).persistent
print("ada's unloaded attributes:", sorted(inspect(ada).unloaded))

print("2. the next use begins a new transaction and reloads ada")
print("ada.name:", ada.name)
print("in a transaction:", session.in_transaction())

print("3. commit again and keep using the same Session")
ada.name = "ada lovelace"
session.commit()
names = session.scalars(select(User.name)).all()
print("names:", names)
assert names == ["ada lovelace"]

print("4. close() detaches the objects; commit() did not")
session.close()
print("ada in the session:", ada in session, "| detached:", inspect(ada).detached)
# --8<-- [end:steps]
