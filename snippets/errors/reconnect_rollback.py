"""After a disconnect in a transaction, a Connection refuses work until rollback()."""

import atexit
import os
import tempfile
import time

from sqlalchemy import String, create_engine, event, exc, func, insert, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/reconnect.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

for name in ("connect", "invalidate"):  # print the pool's events
    event.listen(engine, name, lambda *args, name=name: print("    pool:", name))

# How the server ends a connection, and how to see that it is gone
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
TERMINATE = {"postgresql": "SELECT pg_terminate_backend(:id)", "mysql": "KILL :id"}
CONNECTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}


def server_ends(conn):
    """The server ends this connection, as a restart or a failover does. SQLite has
    no server: there the example closes the driver's connection under SQLAlchemy."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.connection.dbapi_connection.close()
        return
    server_id = conn.scalar(text(SERVER_ID[dialect]))
    admin = create_engine(url)
    with admin.connect() as admin_conn:
        admin_conn.execute(text(TERMINATE[dialect]), {"id": server_id})
    while True:  # until the server has closed it
        with admin.connect() as admin_conn:
            if not admin_conn.scalar(text(CONNECTED[dialect]), {"id": server_id}):
                break
        time.sleep(0.1)
    admin.dispose()


# --8<-- [start:steps]
with engine.connect() as conn:
    print("1. a transaction inserts a row, then the server ends the connection")
    conn.execute(insert(User).values(name="ada"))
    server_ends(conn)

    print("2. the next statement fails")
    try:
        conn.execute(select(User.name))
    except exc.DBAPIError as error:
        print(f"{type(error).__name__}: {error.orig}")
        print("connection_invalidated:", error.connection_invalidated)

    print("3. so does every statement after it")
    try:
        conn.execute(select(User.name))
    except exc.PendingRollbackError as error:
        print(f"{type(error).__name__}: {error}")

    print("4. rollback(), and the next statement gets a new connection")
    conn.rollback()
    count = conn.scalar(select(func.count()).select_from(User))
    print("users:", count)
    assert count == 0  # the inserted row was lost with the connection
# --8<-- [end:steps]
