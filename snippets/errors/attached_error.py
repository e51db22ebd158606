import os
import re

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, object_session, relationship


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
    session.add(User(name="ada"))
    session.commit()


first, second = Session(engine), Session(engine)


def show(error):
    # The repr holds a memory address, and the ids are the sessions' hash_key counters.
    message = re.sub(r"0x[0-9a-f]+", "0x...", str(error))
    message = message.replace(f"'{first.hash_key}'", "'<first>'")
    message = message.replace(f"'{second.hash_key}'", "'<second>'")
    print(f"   {type(error).__name__}: {message}")
    return error


ada = first.scalars(select(User).where(User.name == "ada")).one()
errors = []

print("1. add() an object that another open session holds")
try:
    second.add(ada)
except InvalidRequestError as error:
    errors.append(show(error))
print("ada belongs to the first session:", object_session(ada) is first)

print("2. the same, reached through a relationship")
address = Address(email="ada@example.com")
second.add(address)
try:
    address.user = ada  # the save-update cascade tries to add ada to the second session
except InvalidRequestError as error:
    errors.append(show(error))

first.close()
second.close()
assert len(errors) == 2
expected = f"is already attached to session '{first.hash_key}' (this is '{second.hash_key}')"
assert all(expected in str(error) for error in errors)

# Leave no foreign key to user_account behind on a shared database.
Base.metadata.drop_all(engine)
