"""After close() rolls back a flushed INSERT, the object is detached with no row."""

import atexit
import os

from sqlalchemy import String, create_engine, event, func, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError


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
def flushed_then_closed(name):
    with Session(engine) as session:
        user = User(name=name)
        session.add(user)
        session.flush()  # INSERT sent, not committed
    return user  # the with-block's close() rolled the INSERT back


print("1. an INSERT flushed, then close()")
grace = flushed_then_closed("grace")
print("detached:", inspect(grace).detached)
print("identity:", inspect(grace).identity)
assert inspect(grace).detached
with Session(engine) as session:
    print("its row:", session.get(User, grace.id))

print("2. add() it to a new session, unchanged, and commit()")
with Session(engine) as session:
    session.add(grace)
    print("persistent:", inspect(grace).persistent)
    session.commit()  # nothing to flush: no SQL, no error
    print("commit(): no error")
    try:
        grace.name  # commit() expired it; the load finds no row
    except ObjectDeletedError as error:
        print("grace.name:", type(error).__name__)

print("3. add() it to a new session with a change, and commit()")
hedy = flushed_then_closed("hedy")
hedy.name = "hedy l."
with Session(engine) as session:
    session.add(hedy)
    try:
        session.commit()  # the UPDATE matches no row
    except StaleDataError as error:
        print("commit():", type(error).__name__)

print("4. merge() it into a new session instead")
ida = flushed_then_closed("ida")
with Session(engine) as session:
    copy = session.merge(ida)  # the SELECT finds no row
    print("the copy is pending:", inspect(copy).pending)
    session.commit()  # INSERTs the row again
    rows = session.scalar(select(func.count()).select_from(User))
    print("rows in the table:", rows)
    assert rows == 1
# --8<-- [end:steps]
