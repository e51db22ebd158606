"""A Session whose connection was lost needs rollback(), whichever message it gives."""

import atexit
import os
import tempfile
import time

from sqlalchemy import String, create_engine, event, exc, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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


def show(error):
    """The error's class and the first line of its message (the rest is the SQL)."""
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")


# --8<-- [start:steps]
with Session(engine) as session:
    print("1. the connection is lost after a query; then two more queries")
    session.scalars(select(User)).all()
    server_ends(session.connection())
    try:
        session.scalars(select(User)).all()
    except exc.DBAPIError as error:  # the disconnect itself
        show(error)
    try:
        session.scalars(select(User)).all()
    except exc.PendingRollbackError as error:
        show(error)
    session.rollback()

    print("2. the connection is lost before a flush; the flush, then a query")
    session.scalars(select(User)).all()
    server_ends(session.connection())
    session.add(User(name="ada"))
    try:
        session.flush()
    except exc.DBAPIError as error:
        show(error)
    try:
        session.scalars(select(User)).all()
    except exc.PendingRollbackError as error:
        show(error)
    session.rollback()  # the fix in both cases
    names = session.scalars(select(User.name)).all()
    print("after rollback(), users:", names)
    assert names == []  # ada's INSERT never reached the database

    print("3. the connection is lost before commit(), with nothing to flush")
    server_ends(session.connection())
    try:
        session.commit()
    except exc.DBAPIError as error:  # the COMMIT fails
        show(error)
    try:
        session.scalars(select(User)).all()
    except exc.InvalidRequestError as error:
        show(error)
    try:
        session.commit()
    except exc.PendingRollbackError as error:
        show(error)
    session.rollback()  # the fix here too
    names = session.scalars(select(User.name)).all()
    print("after rollback(), users:", names)
# --8<-- [end:steps]
