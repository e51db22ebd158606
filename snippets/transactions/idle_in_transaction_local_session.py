"""A handler's own session left open stays idle in transaction until it is collected."""

import atexit
import gc
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
watcher = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
ACTIVITY = "SELECT state FROM pg_stat_activity WHERE application_name = :a"


def server_view():
    """The states the server shows for the application's connections."""
    with watcher.connect() as conn:
        states = conn.scalars(text(ACTIVITY), {"a": APP}).all()
    print("    server:", states)
    return states


# --8<-- [start:steps]
gc.disable()  # the garbage collector runs when it decides; here, only when asked


def list_users():
    """A request handler with a session of its own, never closed."""
    session = Session(engine)
    return session.scalars(select(User.name)).all()


print("1. a request reads, then returns: its session is out of reach")
print("names:", list_users())
server_view()
print("checked out of the pool:", engine.pool.checkedout())

print("2. the garbage collector frees the session")
gc.collect()
states = server_view()
assert states == ["idle"]  # the connection went back to the pool
print("checked out of the pool:", engine.pool.checkedout())
# --8<-- [end:steps]
