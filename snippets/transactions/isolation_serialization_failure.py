"""PostgreSQL's REPEATABLE READ refuses to update a row changed since the first read."""

import atexit
import os
import sys

from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs PostgreSQL or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
if engine.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
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


def reset_balance():
    with Session(engine) as session:
        session.merge(Account(id=1, balance=100))
        session.commit()


def another_request_adds_50():
    with Session(engine) as other:
        other.get(Account, 1).balance += 50
        other.commit()


# --8<-- [start:steps]
for number, level in enumerate(["READ COMMITTED", "REPEATABLE READ"], start=1):
    reset_balance()
    print(f"{number}. {level}: read 100; another request adds 50; subtract 30")
    with Session(engine.execution_options(isolation_level=level)) as session:
        account = session.get(Account, 1)  # the transaction's first read
        another_request_adds_50()  # committed before this session writes
        account.balance -= 30  # 100 - 30: computed from what this session read
        try:
            session.commit()
            failed = False
            print("commit(): done")
        except OperationalError as error:
            failed = True
            print("commit():", type(error).__name__)
            print("    " + str(error).splitlines()[0])
            print("    sqlstate:", error.orig.sqlstate)
    with Session(engine) as session:
        balance = session.get(Account, 1).balance
    print("balance:", balance)
    assert balance == (150 if failed else 70)  # refused, or the 50 is lost
# --8<-- [end:steps]
