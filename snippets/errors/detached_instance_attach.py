"""A lazy load works while the object belongs to an open session, old or new."""

import atexit
import os

from sqlalchemy import ForeignKey, String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


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

# --8<-- [start:steps]
print("1. read it inside the session that loaded the object")
with Session(engine) as session:
    user = session.scalars(select(User)).one()
    print("emails:", [address.email for address in user.addresses])

print("2. add() the detached object to a new session")
with Session(engine) as session:
    user = session.scalars(select(User)).one()
print("detached:", inspect(user).detached)
with Session(engine) as session:
    session.add(user)
    print("emails:", [address.email for address in user.addresses])

print("3. merge() it into a new session, and use the copy merge() returns")
with Session(engine) as session:
    user = session.scalars(select(User)).one()
with Session(engine) as session:
    merged = session.merge(user)
    print("merge() returned the same object:", merged is user)
    assert merged is not user
    print("emails:", [address.email for address in merged.addresses])
# --8<-- [end:steps]
