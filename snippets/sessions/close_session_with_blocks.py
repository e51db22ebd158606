"""A with-block closes the session; with session.begin() it commits or rolls back."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select
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
print("1. with Session(engine): close() at the end, commit() is yours")
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()
    session.add(User(name="not committed"))
    session.flush()

print("2. with Session(engine), session.begin(): commit, then close()")
with Session(engine) as session, session.begin():
    session.add(User(name="grace"))

print("3. the same, when an exception escapes: rollback, then close()")
try:
    with Session(engine) as session, session.begin():
        session.add(User(name="lost"))
        session.flush()
        raise RuntimeError("something failed")
except RuntimeError as error:
    print("caught:", error)

with Session(engine) as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace"]
# --8<-- [end:steps]
