"""Flask-SQLAlchemy gives each app context its own session, removed at teardown."""

import atexit
import os
import tempfile

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A SQLite file rather than memory, so that the pool is a QueuePool that counts
folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = url
app.testing = True  # let an error in a view reach the test client
db.init_app(app)
with app.app_context():
    engine = db.engine  # db.engine needs an app context; the engine itself does not
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


@app.teardown_request
def request_over(exc):  # runs just before the app context ends, and the session with it
    print("    request over, error:", type(exc).__name__ if exc else None)


# --8<-- [start:steps]
sessions = []  # the session each request used


@app.post("/users/<name>")
def add_user(name):
    sessions.append(db.session())  # the Session behind the proxy
    user = User(name=name)
    db.session.add(user)
    db.session.commit()
    return {"id": user.id}  # expired by commit: read in a new transaction


@app.post("/broken/<name>")
def add_user_then_fail(name):
    sessions.append(db.session())
    db.session.add(User(name=name))
    db.session.flush()  # the INSERT is sent, not committed
    raise RuntimeError("the view failed")


client = app.test_client()
print("1. POST /users/ada")
print("response:", client.post("/users/ada").json)
print("connections checked out:", engine.pool.checkedout())
assert engine.pool.checkedout() == 0

print("2. POST /broken/grace")
try:
    client.post("/broken/grace")
except RuntimeError as error:
    print("the client got:", type(error).__name__)
print("connections checked out:", engine.pool.checkedout())
print("two requests, two sessions:", sessions[0] is not sessions[1])
assert sessions[0] is not sessions[1]

print("3. a second app context, pushed inside the first on the same thread")
with app.app_context():
    outer = db.session()
    with app.app_context():
        inner = db.session()
    print("the inner context has its own session:", inner is not outer)
    assert inner is not outer
    names = db.session.scalars(select(User.name).order_by(User.id)).all()
print("names in the database:", names)
assert names == ["ada"]  # grace's INSERT was rolled back at teardown

print("4. two requests while an app context is open: Flask reuses that context")
with app.app_context():
    client.post("/users/linus")
    client.post("/users/guido")
    print("two requests, one session:", sessions[-2] is sessions[-1])
    assert sessions[-2] is sessions[-1]
# --8<-- [end:steps]
