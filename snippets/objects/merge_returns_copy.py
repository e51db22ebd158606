"""merge() returns the session's own instance; the object you pass stays outside."""

import atexit
import os

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.exc import InvalidRequestError
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


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. merge() a new object, and commit()")
with Session(engine) as session:
    new = User(name="ada")
    saved = session.merge(new)  # the session's instance, not new
    session.commit()
    print("saved is new:", saved is new)
    print("saved.id:", saved.id, "new.id:", new.id)
    print("new is transient:", inspect(new).transient)

print("2. merge() a detached object, then change the object you passed")
with Session(engine) as session:
    ada = session.get(User, 1)
with Session(engine) as session:
    copy = session.merge(ada)
    print("copy is ada:", copy is ada)
    print("ada in the session:", ada in session)
    ada.name = "ada l."  # ada is outside the session: this change goes nowhere
    session.commit()
    name = session.scalar(select(User.name).where(User.id == 1))
    print("name in the database:", name)
    assert name == "ada"

print("3. a session that already holds user 1: add(ada), then merge(ada)")
with Session(engine) as session:
    mine = session.get(User, 1)
    try:
        session.add(ada)
    except InvalidRequestError as error:
        print("add():", error)
    result = session.merge(ada)  # no SELECT: user 1 is in the identity map
    print("merge() returned the session's object:", result is mine)
    print("with ada's values copied onto it:", mine.name)

print("4. merge() an object that this session already holds")
with Session(engine) as session:
    mine = session.get(User, 1)
    result = session.merge(mine)
    print("merge(mine) is mine:", result is mine)
    assert result is mine
# --8<-- [end:steps]
