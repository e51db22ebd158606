"""A transaction that fails on a connection the server closed can be run again."""

import atexit
import os
import tempfile
import time

from sqlalchemy import String, create_engine, event, exc, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/gone_away.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

for name in ("connect", "invalidate", "close"):  # print the pool's events
    event.listen(engine, name, lambda *args, name=name: print("    pool:", name))

# A one-second idle timeout for one connection, and how to see that it is gone
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
IDLE_TIMEOUT = {
    "postgresql": "SET idle_session_timeout = '1s'",
    "mysql": "SET SESSION wait_timeout = 1",
}
CONNECTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}


def server_closes_idle_connection():
    """The connection in the pool sits idle until the server closes it. SQLite has no
    server: there the example closes the driver's connection behind the pool's back."""
    dialect = engine.dialect.name
    with engine.connect() as conn:
        dbapi_connection = conn.connection.dbapi_connection
        if dialect != "sqlite":
            server_id = conn.scalar(text(SERVER_ID[dialect]))
    # The connection is back in the pool; the timeout is the last thing it runs
    if dialect == "sqlite":
        dbapi_connection.close()
        return
    cursor = dbapi_connection.cursor()
    cursor.execute(IDLE_TIMEOUT[dialect])
    cursor.close()
    if dialect == "postgresql":
        dbapi_connection.commit()  # there SET is transactional; the timer starts now
    watcher = create_engine(url)
    while True:  # until the server has closed it
        with watcher.connect() as conn:
            if not conn.scalar(text(CONNECTED[dialect]), {"id": server_id}):
                break
        time.sleep(0.1)
    watcher.dispose()


# --8<-- [start:steps]
def add_user(name, attempts=2):
    """One transaction, run again from the start if the connection was lost."""
    for attempt in range(1, attempts + 1):
        try:
            with Session(engine) as session, session.begin():
                session.add(User(name=name))
            print(f"attempt {attempt}: committed")
            return
        except exc.DBAPIError as error:
            if not error.connection_invalidated or attempt == attempts:
                raise
            driver_error = type(error.orig)
            print(f"attempt {attempt}: {type(error).__name__}")
            print(f"    from {driver_error.__module__}.{driver_error.__name__}")
            print(f"    {error.orig}")
            print("    connection_invalidated:", error.connection_invalidated)


print("1. a transaction")
add_user("ada")
print("2. the server closes the connection while it is idle in the pool")
server_closes_idle_connection()
print("3. the next transaction fails once, and is run again")
add_user("grace")
with Session(engine) as session:
    count = session.scalar(select(func.count()).select_from(User))
print("users saved:", count)
assert count == 2
# --8<-- [end:steps]
