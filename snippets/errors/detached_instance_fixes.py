"""Loading what you need before the session closes avoids DetachedInstanceError."""

import atexit
import os

from sqlalchemy import ForeignKey, String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
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
print("1. selectinload(): the query loads the addresses too")
with Session(engine) as session:
    query = select(User).options(selectinload(User.addresses))
    user = session.scalars(query).one()
print("attributes not loaded:", inspect(user).unloaded)
assert inspect(user).unloaded == set()
print("after the session:", [address.email for address in user.addresses])

print("2. expire_on_commit=False: commit() keeps the loaded values")
with Session(engine, expire_on_commit=False) as session:
    user = session.scalars(select(User)).one()
    user.name = "ada lovelace"
    session.commit()
print("attributes not loaded:", inspect(user).unloaded)
print("after the session:", user.name)
# --8<-- [end:steps]
