"""A with-block per unit of work rolls back a failed one; the next one starts clean."""

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
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


@event.listens_for(User, "before_insert")
def on_insert(mapper, connection, user):
    print(f"    flush: INSERT {user.name}")


@event.listens_for(Session, "after_commit")
def on_commit(session):
    print("    session: committed")


@event.listens_for(Session, "after_rollback")
def on_rollback(session):
    print("    session: rolled back")


# --8<-- [start:steps]
def add_user(name):
    """One unit of work: its own session, committed or rolled back whole."""
    try:
        with Session(engine) as session, session.begin():
            session.add(User(name=name))
    except IntegrityError:
        return "taken"
    return "saved"


print("1. one with-block per user; ada is taken")
for name in ["grace", "ada", "linus"]:
    print(f"{name}: {add_user(name)}")

print("2. what the database holds")
with Session(engine) as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace", "linus"]  # linus was saved after ada's failure
# --8<-- [end:steps]
