"""A session left open after a SELECT keeps its connection idle in transaction."""

import atexit
import os
import sys

from sqlalchemy import String, create_engine, select, text
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
# The application's engine names its connections, so that pg_stat_activity can tell
# them apart from the watcher's and from those of any other program
APP = f"idle_in_transaction_example {os.getpid()}"
engine = create_engine(url, connect_args={"application_name": APP})
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine without the name
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()

# A second connection that reads the server's view, one statement per transaction
# (pg_stat_activity keeps the view it first read until the transaction ends)
watcher = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")


ACTIVITY = "SELECT state, query FROM pg_stat_activity WHERE application_name = :a"
LOCKS = (
    "SELECT l.mode FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
    " WHERE a.application_name = :a AND l.relation = 'user_account'::regclass"
)


def server_view():
    """What the server shows of the application's connections."""
    with watcher.connect() as conn:
        rows = conn.execute(text(ACTIVITY), {"a": APP}).all()
        locks = conn.scalars(text(LOCKS), {"a": APP}).all()
    for state, query in rows:
        print(f"    server: {state}, last statement: {' '.join(query.split())}")
    print("    server: locks on user_account:", locks)
    return [state for state, _ in rows]


# --8<-- [start:steps]
session = Session(engine)  # shared by the "requests" below, never closed


def list_users():
    """A request handler that reads and returns, without commit() or close()."""
    return session.scalars(select(User.name)).all()


print("1. a request reads, then returns")
print("names:", list_users())
states = server_view()
assert states == ["idle in transaction"]
print("checked out of the pool:", engine.pool.checkedout())

print("2. commit(): the transaction ends, the connection goes back to the pool")
session.commit()
server_view()
print("checked out of the pool:", engine.pool.checkedout())

print("3. another request reads; close() does the same")
list_users()
session.close()
server_view()
print("checked out of the pool:", engine.pool.checkedout())
# --8<-- [end:steps]
