import os
import re

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.exc import DetachedInstanceError


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


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="ada", addresses=[Address(email="ada@example.com")]))
    session.commit()


def show(error):
    # Drop the object's repr (it holds a memory address) and the trailing link.
    message = re.sub(r"<\w+ at 0x[0-9a-f]+> ", "", str(error)).split(" (Background")[0]
    print(f"   {type(error).__name__}: {message}")
    return message


print("1. a relationship that was not loaded before the session closed")
with Session(engine) as session:
    user = session.scalars(select(User).where(User.name == "ada")).one()
print("user.name (loaded by the query):", user.name)
try:
    user.addresses
except DetachedInstanceError as error:
    lazy_message = show(error)
else:
    raise AssertionError("the lazy load should have failed")

print("2. a column expired by commit(), read after the session closed")
with Session(engine) as session:
    user = session.scalars(select(User).where(User.name == "ada")).one()
    user.name = "ada lovelace"
    session.commit()  # expires every attribute of user
try:
    user.name
except DetachedInstanceError as error:
    refresh_message = show(error)
else:
    raise AssertionError("the refresh should have failed")

assert "lazy load operation of attribute 'addresses'" in lazy_message
assert "attribute refresh operation cannot proceed" in refresh_message

# Leave no foreign key to user_account behind on a shared database.
Base.metadata.drop_all(engine)
