"""session.begin() raises when the session's transaction has already begun."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
SessionFactory = sessionmaker(engine)

# --8<-- [start:steps]
print("1. a query, then session.begin()")
session = SessionFactory()
session.scalars(select(User)).all()  # autobegin: the transaction starts here
print("in a transaction:", session.in_transaction())
try:
    session.begin()
except InvalidRequestError as error:
    print(f"{type(error).__name__}: {error}")
session.close()

print("2. add(), then session.begin()")
session = SessionFactory()
session.add(User(name="ada"))  # sends nothing, but begins the transaction
began = session.in_transaction()
print("in a transaction:", began)
assert began
try:
    session.begin()
except InvalidRequestError as error:
    print(f"{type(error).__name__}: {error}")
session.close()


def save_user(session, name):
    with session.begin():  # assumes that nobody has begun yet
        session.add(User(name=name))


print("3. a helper with `with session.begin():` inside sessionmaker.begin()")
try:
    with SessionFactory.begin() as session:  # has begun already
        save_user(session, "ada")
except InvalidRequestError as error:
    print(f"{type(error).__name__}: {error}")
    assert str(error) == "A transaction is already begun on this Session."

print("4. sessionmaker.begin() inside sessionmaker.begin(): no error")
with SessionFactory.begin() as outer:
    outer.add(User(name="outer"))
    outer.flush()
    with SessionFactory.begin() as inner:
        print("same session:", inner is outer)
        inner.add(User(name="inner"))  # committed at the end of the inner block
    outer.rollback()  # the outer session's row only

with SessionFactory() as session:
    print("names:", session.scalars(select(User.name).order_by(User.id)).all())
# --8<-- [end:steps]
