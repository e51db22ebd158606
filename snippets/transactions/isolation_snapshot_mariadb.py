"""innodb_snapshot_isolation=ON makes MariaDB refuse a stale REPEATABLE READ update."""

import atexit
import os
import sys

from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

url = make_url(os.environ.get("DATABASE_URL", "sqlite://"))
if url.get_backend_name() not in ("mysql", "mariadb"):
    print("this example needs MariaDB: set DATABASE_URL")
    sys.exit(0)


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


engine = create_engine(url)
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
print("1. the server's default")
with engine.connect() as conn:
    value = conn.scalar(text("SELECT @@innodb_snapshot_isolation"))
print("innodb_snapshot_isolation:", value)

# An engine whose connections turn it on, at REPEATABLE READ
strict = create_engine(url, isolation_level="REPEATABLE READ")


@event.listens_for(strict, "connect")
def snapshot_isolation_on(dbapi_connection, connection_record):
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET SESSION innodb_snapshot_isolation = ON")


print("2. ON, REPEATABLE READ: read 100; another request adds 50; subtract 30")
with Session(strict) as session:
    account = session.get(Account, 1)  # the transaction's first read
    another_request_adds_50()  # committed before this session writes
    account.balance -= 30
    try:
        session.commit()
    except OperationalError as error:
        print("commit():", type(error).__name__)
        print("    " + str(error).splitlines()[0])
        code = error.orig.args[0]
        print("    error code:", code)
        assert code == 1020  # refused, like PostgreSQL's serialization failure
# --8<-- [end:steps]
strict.dispose()
