"""Reading an attribute that still has to be loaded fails once the session is closed."""

import atexit
import os

from sqlalchemy import ForeignKey, String, Text, create_engine, inspect, select
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
    bio: Mapped[str] = mapped_column(Text, deferred=True)  # left out of queries
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
    session.add(
        User(name="ada", bio="...", addresses=[Address(email="ada@example.com")])
    )
    session.commit()

# --8<-- [start:steps]
print("1. a relationship that the query did not load")
with Session(engine) as session:
    user = session.scalars(select(User)).one()
print("detached:", inspect(user).detached)
assert inspect(user).detached  # the with-block closed the session
print("user.name:", user.name)  # loaded by the query: still readable
try:
    user.addresses
except DetachedInstanceError as error:
    print(f"user.addresses: {type(error).__name__}: {error}")

print("2. attributes that commit() expired")
with Session(engine) as session:
    user = session.scalars(select(User)).one()
    print("addresses loaded:", len(user.addresses))
    session.commit()  # expires every attribute of user, addresses too
try:
    user.name
except DetachedInstanceError as error:
    print(f"user.name: {type(error).__name__}: {error}")
try:
    user.addresses
except DetachedInstanceError as error:
    print(f"user.addresses: {type(error).__name__}: {error}")

print("3. a deferred column")
with Session(engine) as session:
    user = session.scalars(select(User)).one()
try:
    user.bio
except DetachedInstanceError as error:
    print(f"user.bio: {type(error).__name__}: {error}")
# --8<-- [end:steps]
