"""add() refuses an object that another open session holds, even via a relationship."""

import atexit
import os

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    object_session,
    relationship,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:  # this session's hash_key is 1
    session.add(User(name="ada"))
    session.commit()

# --8<-- [start:steps]
with Session(engine) as first, Session(engine) as second:
    print(f"hash_key: first {first.hash_key}, second {second.hash_key}")
    ada = first.scalars(select(User).where(User.name == "ada")).one()

    print("1. add() an object that the first session holds")
    try:
        second.add(ada)  # ada belongs to the first session
    except InvalidRequestError as error:
        print(f"second.add(ada): {type(error).__name__}: {error}")
    print("ada's session is the first:", object_session(ada) is first)
    assert object_session(ada) is first

    print("2. the same, reached through a relationship")
    address = Address(email="ada@example.com")
    second.add(address)
    message = ""
    try:
        address.user = ada  # save-update cascade: ada joins the second session
    except InvalidRequestError as error:
        message = str(error)
        print(f"address.user = ada: {type(error).__name__}: {error}")
    assert "'<User at" in message  # names ada, not the address
# --8<-- [end:steps]
