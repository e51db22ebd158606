"""Objects that refer to each other leave the session at the next garbage collection."""

import atexit
import gc
import os

from sqlalchemy import ForeignKey, String, create_engine, insert, select
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
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    users = [{"id": i, "name": f"user {i}"} for i in range(1, 1001)]
    session.execute(insert(User), users)
    session.execute(insert(Address), [{"user_id": i} for i in range(1, 1001)])
    session.commit()


# --8<-- [start:steps]
def total_length(session):
    """Reads every user and keeps none of them."""
    return sum(len(user.name) for user in session.scalars(select(User)))


def count_addresses(session):
    """Reads every user and address, both ways round, and keeps none of them."""
    query = select(User).options(selectinload(User.addresses))
    return sum(
        len(address.user.addresses)  # address.user: found in the session, no SQL
        for user in session.scalars(query)
        for address in user.addresses
    )


gc.disable()  # Python's garbage collector runs when it decides: here, when asked
session = Session(engine)
print("1. read 1000 users, keep none")
total_length(session)
print("objects in the session:", len(session.identity_map))

print("2. read 1000 users and their addresses, keep none")
count_addresses(session)
print("objects in the session:", len(session.identity_map))
assert len(session.identity_map) == 2000  # kept alive by their reference cycles

print("3. gc.collect(): the garbage collector frees the cycles")
gc.collect()
print("objects in the session:", len(session.identity_map))
gc.enable()
session.close()
# --8<-- [end:steps]
