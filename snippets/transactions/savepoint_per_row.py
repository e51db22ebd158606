"""A begin_nested() savepoint per row undoes only the failed row; the loop goes on."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


@event.listens_for(User, "before_insert")
def on_insert(mapper, connection, user):
    print(f"    INSERT {user.name}")


@event.listens_for(engine, "savepoint")
def on_savepoint(conn, name):
    print("    SAVEPOINT")


@event.listens_for(engine, "rollback_savepoint")
def on_rollback_savepoint(conn, name, context):
    print("    ROLLBACK TO SAVEPOINT")


@event.listens_for(engine, "release_savepoint")
def on_release_savepoint(conn, name, context):
    print("    RELEASE SAVEPOINT")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


# --8<-- [start:steps]
with Session(engine) as session:
    print("1. one savepoint per row; the name ada is taken")
    skipped = []
    for name in ["grace", "ada", "linus"]:
        try:
            with session.begin_nested():  # its end flushes, then releases
                session.add(User(name=name))
        except IntegrityError:
            skipped.append(name)  # only this row's INSERT was rolled back
    print("skipped:", skipped)
    print("session.is_active:", session.is_active)

    print("2. one commit() for the rows that worked")
    session.commit()

with Session(engine) as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace", "linus"]  # before and after the failure
# --8<-- [end:steps]
