"""flush() sends pending changes inside the open transaction; commit() keeps them."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, func, inspect, select
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


count_users = select(func.count()).select_from(User)

# --8<-- [start:steps]
session = Session(engine)
print("1. add(): nothing is sent yet")
ada = User(name="ada")
session.add(ada)
print("ada.id:", ada.id, "| pending:", inspect(ada).pending)

print("2. flush(): the INSERT runs, inside a transaction that stays open")
session.flush()
print("ada.id:", ada.id, "| persistent:", inspect(ada).persistent)
assert ada.id is not None  # the generated primary key is set on the object
print("in a transaction:", session.in_transaction())
assert session.in_transaction()

print("3. change and flush again: an UPDATE, still no COMMIT")
ada.name = "ada lovelace"
session.flush()

print("4. rollback(): the flushed rows are gone")
flushed_id = ada.id
session.rollback()
print("ada is transient again:", inspect(ada).transient, "| ada.id:", ada.id)
assert ada.id == flushed_id  # the id of a row that no longer exists
rows = session.scalar(count_users)
print("rows:", rows)
assert rows == 0

print("5. commit() flushes first, then commits")
session.add(User(name="grace"))
session.commit()
rows = session.scalar(count_users)
print("rows:", rows)
assert rows == 1
session.close()
# --8<-- [end:steps]
