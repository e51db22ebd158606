"""expunge() sends no SQL: a pending object is never inserted, flushed changes stay."""

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
with Session(engine) as session:
    session.add_all([User(name="ada"), User(name="bob")])
    session.commit()

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


# --8<-- [start:steps]
session = Session(engine)
print("1. a pending object: added, not flushed")
linus = User(name="linus")
session.add(linus)
session.expunge(linus)
print("linus transient:", inspect(linus).transient)

print("2. a persistent object with a change not flushed yet")
ada = session.scalars(select(User).where(User.name == "ada")).one()
ada.name = "ada lovelace"
session.expunge(ada)
print("ada detached:", inspect(ada).detached)

print("3. a deleted object: its DELETE already flushed")
bob = session.scalars(select(User).where(User.name == "bob")).one()
session.delete(bob)
session.flush()
session.expunge(bob)
print("bob detached:", inspect(bob).detached)

print("4. commit(), then look at the table")
session.commit()
names = session.scalars(select(User.name)).all()
print("names:", names)
assert names == ["ada"]  # no linus, ada unchanged, bob deleted
session.close()
# --8<-- [end:steps]
