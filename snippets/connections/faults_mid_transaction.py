"""A transaction whose connection dies is lost; rollback() lets the Session go on."""

import atexit
import os
import sys
import time

from sqlalchemy import NullPool, String, create_engine, select, text
from sqlalchemy.exc import DBAPIError, InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# Needs PostgreSQL or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url, pool_pre_ping=True)  # pre-ping cannot help here: see below
if engine.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
admin = create_engine(url, poolclass=NullPool)  # a separate session, as a DBA would use
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
KILL = {"postgresql": "SELECT pg_terminate_backend(:id)", "mysql": "KILL :id"}
CONNECTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}


def server_id(session):
    """The server's id for the session's connection; the query begins a transaction."""
    return session.scalar(text(SERVER_ID[engine.dialect.name]))


def kill(server_id, seconds=30):
    """End a session from the server side, and wait until it is gone."""
    with admin.connect() as conn:
        conn.execute(text(KILL[admin.dialect.name]), {"id": server_id})
    deadline = time.monotonic() + seconds
    while True:  # a new connection each time: PostgreSQL caches what it reports
        with admin.connect() as conn:
            if not conn.scalar(text(CONNECTED[admin.dialect.name]), {"id": server_id}):
                return
        assert time.monotonic() < deadline, f"session {server_id} is still there"
        time.sleep(0.1)


def names(session):
    return session.scalars(select(Item.name).order_by(Item.id)).all()


# --8<-- [start:steps]
def fail_then_recover(session, call):
    """Run the call that meets the dead connection, then use the Session."""
    try:
        call(session)
    except DBAPIError as error:
        invalidated = error.connection_invalidated
        print(f"  {type(error).__name__}, connection_invalidated={invalidated}")
    try:  # the Session refuses to run SQL until rollback()
        names(session)
    except InvalidRequestError as error:
        message = str(error).split(".")[0]  # its first sentence
        print(f"  next query: {type(error).__name__}: {message}")
    session.rollback()
    print("  after rollback():", names(session))


print("1. flush(), kill, commit(): the COMMIT fails")
with Session(engine) as session:
    session.add(Item(name="kept 1"))
    session.commit()
    victim = server_id(session)
    session.add(Item(name="lost 1"))
    session.flush()  # the INSERT is sent
    kill(victim)
    fail_then_recover(session, Session.commit)

print("2. kill, commit(): the INSERT of its flush fails")
with Session(engine) as session:
    session.add(Item(name="kept 2"))
    session.commit()
    victim = server_id(session)
    session.add(Item(name="lost 2"))
    kill(victim)
    fail_then_recover(session, Session.commit)

print("3. flush(), kill, a query: the SELECT fails")
with Session(engine) as session:
    session.add(Item(name="kept 3"))
    session.commit()
    victim = server_id(session)
    session.add(Item(name="lost 3"))
    session.flush()
    kill(victim)
    fail_then_recover(session, names)
    assert names(session) == ["kept 1", "kept 2", "kept 3"]  # no "lost" row
# --8<-- [end:steps]
