"""Session.close() detaches every object, then rolls back and returns the connection."""

import atexit
import os

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


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


@event.listens_for(Session, "persistent_to_detached")
def on_detached(session, obj):
    print(f"    session: user {inspect(obj).identity[0]} detached")


@event.listens_for(Session, "after_transaction_end")
def on_transaction_end(session, transaction):
    if transaction.parent is None:
        print("    session: transaction ended")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    print("    ROLLBACK")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
session = Session(engine)
print("1. user 1 committed, user 2 flushed but not committed")
ada = User(name="ada")
session.add(ada)
session.commit()  # also expires ada: her name is loaded again on next access
grace = User(name="grace")
session.add(grace)
session.flush()  # INSERT sent; the new transaction stays open

print("2. close()")
session.close()
print("in a transaction:", session.in_transaction())
print("grace detached:", inspect(grace).detached, "identity:", inspect(grace).identity)
try:
    ada.name  # expired by commit, and no session left to load it
except DetachedInstanceError as error:
    print("ada.name:", type(error).__name__)

print("3. the same Session, used again")
names = session.scalars(select(User.name)).all()
print("names:", names)
assert names == ["ada"]  # user 2 was flushed, not committed: rolled back
session.close()
# --8<-- [end:steps]
