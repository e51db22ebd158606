"""A lazy load that worked fails once the garbage collector frees its Session."""

import atexit
import gc
import os

from sqlalchemy import ForeignKey, String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:
    session.add(User(name="ada", addresses=[Address(email="ada@example.com")]))
    session.commit()
gc.disable()  # Python would run the collector at a moment of its choosing


# --8<-- [start:steps]
def find_user(name):
    session = Session(engine)  # never closed, forgotten at return
    return session.scalars(select(User).where(User.name == name)).one()


print("1. find_user(), then a lazy load")
user = find_user("ada")
print("emails:", [address.email for address in user.addresses])

print("2. find_user(), gc.collect(), then the same lazy load")
user = find_user("ada")
gc.collect()  # frees the forgotten Session: Python does it whenever it likes
print("detached:", inspect(user).detached)
assert inspect(user).detached
try:
    user.addresses
except DetachedInstanceError as error:
    print(f"user.addresses: {type(error).__name__}: {error}")
# --8<-- [end:steps]
