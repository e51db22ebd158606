"""commit() with a begin_nested() savepoint open releases it and commits everything."""

import atexit
import os

from sqlalchemy import String, create_engine, event, func, select
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


@event.listens_for(engine, "savepoint")
def on_savepoint(conn, name):
    print("    SAVEPOINT")


@event.listens_for(engine, "release_savepoint")
def on_release(conn, name, context):
    print("    RELEASE SAVEPOINT")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


# --8<-- [start:steps]
session = Session(engine)
print("1. one user in the transaction, one in a savepoint")
session.add(User(name="ada"))
session.flush()
session.begin_nested()
session.add(User(name="grace"))
session.flush()

print("2. commit() while the savepoint is open")
session.commit()
print("in a transaction:", session.in_transaction())
assert not session.in_transaction()
session.close()

with Session(engine) as other_session:
    rows = other_session.scalar(select(func.count()).select_from(User))
print("rows, seen from another session:", rows)
assert rows == 2
# --8<-- [end:steps]
