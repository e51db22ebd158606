"""MariaDB's DROP DATABASE waits for an open transaction, not for an idle pool."""

import atexit
import os
import sys
import uuid

from sqlalchemy import String, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

url = make_url(os.environ.get("DATABASE_URL", "sqlite://"))
if url.get_backend_name() not in ("mysql", "mariadb"):
    print("this example needs MariaDB: set DATABASE_URL")
    sys.exit(0)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A scratch database on the server of DATABASE_URL, with a name of its own; its table
# goes when it is dropped
admin = create_engine(url, isolation_level="AUTOCOMMIT")
name = f"scratch_{uuid.uuid4().hex[:8]}"
with admin.connect() as conn:
    conn.execute(text(f"CREATE DATABASE {name}"))


def drop_database():
    with admin.connect() as conn:
        # Give up after 1 second instead of the server's default (a day in 10.11)
        conn.execute(text("SET SESSION lock_wait_timeout = 1"))
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))


atexit.register(drop_database)  # also if the example fails half-way
engine = create_engine(url.set(database=name))
Base.metadata.create_all(engine)

# --8<-- [start:steps]
print("1. a connection in a transaction that has read a table")
with engine.connect() as conn:
    conn.execute(select(User)).all()
    print("in a transaction:", conn.in_transaction())
    print("DROP DATABASE, with lock_wait_timeout = 1")
    try:
        drop_database()
    except OperationalError as error:
        print("error:", error.orig.args)

print("2. the transaction ended, the connection idle in the pool")
print("connections in the pool:", engine.pool.checkedin())
drop_database()
with admin.connect() as conn:
    left = conn.scalar(text("SHOW DATABASES LIKE :name"), {"name": name})
print("database dropped:", left is None)
assert left is None
engine.dispose()
# --8<-- [end:steps]
