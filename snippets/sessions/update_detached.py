"""add() or merge() of a changed detached object sends an UPDATE for what changed."""

import atexit
import os

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada", status="new"))
    session.add(User(name="bob", status="new"))
    session.commit()


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. load ada and bob, close the session, change both")
with Session(engine) as session:
    ada = session.get(User, 1)
    bob = session.get(User, 2)
ada.status = "active"
bob.status = "banned"
print("ada detached:", inspect(ada).detached)
print("ada's status history:", inspect(ada).attrs.status.history)

print("2. add(ada) to a new session, and commit()")
with Session(engine) as session:
    session.add(ada)
    print("in session.new:", ada in session.new)
    print("in session.dirty:", ada in session.dirty)
    assert ada in session.dirty
    session.commit()

print("3. merge(bob) into a new session, and commit()")
with Session(engine) as session:
    copy = session.merge(bob)  # loads row 2, copies bob's values onto it
    print("copy is bob:", copy is bob)
    print("copy in session.dirty:", copy in session.dirty)
    assert copy is not bob
    session.commit()
print("bob detached:", inspect(bob).detached)
# --8<-- [end:steps]
