"""A transaction refused with SQLSTATE 40001 succeeds when it is run again in full."""

import atexit
import os
import sys

from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

# Needs PostgreSQL: elsewhere it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
if engine.dialect.name != "postgresql":
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(Account(id=1, balance=100))
    session.commit()


def another_request_adds_50():
    with Session(engine) as other:
        other.get(Account, 1).balance += 50
        other.commit()


# --8<-- [start:steps]
SerializableSession = sessionmaker(
    engine.execution_options(isolation_level="SERIALIZABLE")
)


def withdraw_30(session, attempt):
    account = session.get(Account, 1)
    print("    balance read:", account.balance)
    if attempt == 1:
        another_request_adds_50()  # commits in between, first attempt only
    account.balance -= 30


def run_in_transaction(work, attempts=3):
    for attempt in range(1, attempts + 1):
        print(f"attempt {attempt}")
        try:
            with SerializableSession.begin() as session:  # commits at the end
                work(session, attempt)
            print("    committed")
            return
        except DBAPIError as error:  # psycopg: OperationalError; asyncpg: DBAPIError
            if error.orig.sqlstate != "40001" or attempt == attempts:
                raise
            print(f"    {type(error.orig).__name__}: rolled back, run it again")


run_in_transaction(withdraw_30)
with Session(engine) as session:
    balance = session.get(Account, 1).balance
print("balance:", balance)
assert balance == 120  # 100 + 50 - 30: neither change is lost
# --8<-- [end:steps]
