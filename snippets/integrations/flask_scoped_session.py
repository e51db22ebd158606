"""A scoped_session removed at teardown gives each request its own session."""

import atexit
import os
import tempfile

from flask import Flask
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A SQLite file rather than memory, so that the pool is a QueuePool that counts
folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    print("    ROLLBACK")


app = Flask(__name__)
app.testing = True  # let an error in a view reach the test client

# --8<-- [start:steps]
Session = scoped_session(sessionmaker(engine))  # a session per thread (default)


@app.teardown_appcontext
def remove_session(exc):
    print("    teardown: Session.remove()")
    Session.remove()  # close (roll back what was not committed), then forget it


sessions = []  # the session each request used


@app.post("/users/<name>")
def add_user(name):
    sessions.append(Session())
    Session.add(User(name=name))
    Session.commit()
    return {"names": Session.scalars(select(User.name).order_by(User.id)).all()}


@app.post("/broken/<name>")
def add_user_then_fail(name):
    sessions.append(Session())
    Session.add(User(name=name))
    Session.flush()  # the INSERT is sent, not committed
    raise RuntimeError("the view failed")


client = app.test_client()
print("1. POST /users/ada")
print("response:", client.post("/users/ada").json)

print("2. POST /broken/grace")
try:
    client.post("/broken/grace")
except RuntimeError as error:
    print("the client got:", type(error).__name__)
print("connections checked out:", engine.pool.checkedout())
assert engine.pool.checkedout() == 0
print("two requests, two sessions:", sessions[0] is not sessions[1])
assert sessions[0] is not sessions[1]
print("the registry holds a session:", Session.registry.has())

with engine.connect() as conn:
    names = conn.scalars(select(User.name)).all()
print("names in the database:", names)
assert names == ["ada"]  # grace's INSERT was rolled back at teardown
# --8<-- [end:steps]
