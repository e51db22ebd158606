"""Without autocommit=True, a Session begins its transaction by itself on first use."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    close_all_sessions,
    mapped_column,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through a separate engine
atexit.register(Base.metadata.drop_all, create_engine(url))


# --8<-- [start:steps]
print("1. Session(autocommit=True)")
try:
    Session(engine, autocommit=True)
except ArgumentError as error:
    print("ArgumentError:", error)

print("2. Session.transaction: in_transaction() and get_transaction()")
with Session(engine) as session:
    print("in_transaction() before use:", session.in_transaction())
    session.scalars(select(User)).all()
    began = session.in_transaction()
    print("in_transaction() after a query:", began)
    assert began  # autobegin: the query started the transaction
    print("get_transaction():", type(session.get_transaction()).__name__)
    session.commit()
    print("in_transaction() after commit():", session.in_transaction())

print("3. Session.close_all(): a function of sqlalchemy.orm now")
first, second = Session(engine), Session(engine)
first.scalars(select(User)).all()
second.scalars(select(User)).all()
print("in a transaction:", first.in_transaction(), second.in_transaction())
close_all_sessions()
print("after the call:", first.in_transaction(), second.in_transaction())
# --8<-- [end:steps]
