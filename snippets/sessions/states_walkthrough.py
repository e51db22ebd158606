"""Session calls move an object between five states, and inspect() tells which one."""

import atexit
import os

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    make_transient,
    mapped_column,
)


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


def state(obj):
    """The name of the one state flag of inspect(obj) that is True."""
    flags = inspect(obj)
    names = ["transient", "pending", "persistent", "deleted", "detached"]
    return next(name for name in names if getattr(flags, name))


# --8<-- [start:steps]
session = Session(engine)
print("1. a new object, added, flushed and committed")
ada = User(name="ada")
print("User(name='ada'):", state(ada))
session.add(ada)
print("add(ada):", state(ada))
session.flush()
print("flush():", state(ada))
session.commit()
print("commit():", state(ada))

print("2. delete(), flush(), rollback()")
session.delete(ada)
print("delete(ada):", state(ada))  # nothing sent yet
assert state(ada) == "persistent"
session.flush()  # loads the columns commit() expired, then sends the DELETE
print("flush():", state(ada))
session.rollback()  # the DELETE is undone
print("rollback():", state(ada))

print("3. expunge(), then merge()")
session.expunge(ada)
print("expunge(ada):", state(ada))
copy = session.merge(ada)  # loads the row, copies ada onto it
print("merge(ada): ada is", state(ada))
print("the copy it returns is", state(copy))
assert state(ada) == "detached"

print("4. delete the copy and commit, then make_transient()")
session.delete(copy)
session.commit()
print("delete(copy) and commit():", state(copy))
print("was_deleted:", inspect(copy).was_deleted)
print("deleted:", inspect(copy).deleted)
assert inspect(copy).was_deleted
make_transient(copy)
print("make_transient(copy):", state(copy))

print("5. merge() of the transient object")
again = session.merge(copy)  # no row has its key any more
print("merge(copy): copy is", state(copy))
print("the copy it returns is", state(again))
assert state(again) == "pending"
session.close()
# --8<-- [end:steps]
