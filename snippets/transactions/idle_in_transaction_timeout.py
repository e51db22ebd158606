"""idle_in_transaction_session_timeout makes the server end a forgotten transaction."""

import atexit
import os
import sys
import time

from sqlalchemy import String, create_engine, select, text
from sqlalchemy.exc import DBAPIError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
APP = f"idle_in_transaction_example {os.getpid()}"  # names this program's connections
# Each connection of this engine asks the server to end it when it has been idle in a
# transaction for more than 1 s (libpq's "options", which psycopg passes on)
engine = create_engine(
    url,
    connect_args={
        "application_name": APP,
        "options": "-c idle_in_transaction_session_timeout=1s",
    },
)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine without the timeout
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()

# A second connection that reads the server's view, one statement per transaction
watcher = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")


def application_states():
    with watcher.connect() as conn:
        return conn.scalars(
            text("SELECT state FROM pg_stat_activity WHERE application_name = :a"),
            {"a": APP},
        ).all()


def wait_until_the_server_ends_it():
    deadline = time.monotonic() + 30  # the timeout is 1 s: a generous margin
    while application_states():
        assert time.monotonic() < deadline, "the server did not end the connection"
        time.sleep(0.1)


# --8<-- [start:steps]
session = Session(engine)  # shared by the "requests" below, never closed


def list_users():
    """A request handler that reads and returns, without commit() or close()."""
    return session.scalars(select(User.name)).all()


print("1. a request reads, then returns")
print("names:", list_users())
print("server:", application_states())

print("2. nothing happens on the connection for more than 1 s")
wait_until_the_server_ends_it()
print("server:", application_states())

print("3. the next request on the same session")
try:
    list_users()
except DBAPIError as error:
    print("error:", type(error).__name__)
    print("driver:", type(error.orig).__name__, str(error.orig).splitlines()[0])
    print("connection invalidated:", error.connection_invalidated)

print("4. the request after that, still without rollback()")
try:
    list_users()
except PendingRollbackError as error:
    print("error:", type(error).__name__)
    print("    " + str(error).partition(" (Background")[0])

print("5. rollback(), and the session works on a new connection")
session.rollback()
names = list_users()
print("names:", names)
assert names == ["ada"]
session.close()
# --8<-- [end:steps]
