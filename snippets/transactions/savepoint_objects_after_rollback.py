"""A rolled-back savepoint makes its new objects transient and expires changed ones."""

import atexit
import os

from sqlalchemy import String, create_engine, inspect, select
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
    session.add_all([User(name="ada"), User(name="bob")])
    session.commit()


def state(user):
    """The object's state in words, read without loading anything."""
    info = inspect(user)
    if info.transient:
        return "transient (out of the session)"
    expired = "expired" if info.expired_attributes else "loaded"
    return f"persistent, {expired}"


# --8<-- [start:steps]
session = Session(engine)
ada, bob = session.scalars(select(User).order_by(User.id)).all()
carol = User(name="carol")
second_bob = User(name="bob")  # the name is taken: this INSERT fails
print("1. in one savepoint: rename ada, add carol, add a second bob")
try:
    with session.begin_nested():
        ada.name = "ada lovelace"
        session.add_all([carol, second_bob])
except IntegrityError:
    print("IntegrityError: ROLLBACK TO SAVEPOINT")

print("2. the objects afterwards")
print("ada (changed in the savepoint):", state(ada))
print("bob (untouched):", state(bob))
print("carol (added in the savepoint):", state(carol))
print("second bob (the failed INSERT):", state(second_bob))
assert inspect(carol).transient  # added in the savepoint: gone with it
print("ada.name, loaded again:", ada.name)
print("in the session:", sorted(user.name for user in session))
session.close()
# --8<-- [end:steps]
