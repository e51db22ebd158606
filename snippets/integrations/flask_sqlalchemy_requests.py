import os
import tempfile

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


tmp = tempfile.TemporaryDirectory()  # a file database, so that the engine has a QueuePool
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/app.db")
app.testing = True  # let an error in a view reach the test client
db.init_app(app)

with app.app_context():
    engine = db.engine  # db.engine needs an app context; the engine itself does not
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
pool = engine.pool
event.listen(engine, "checkout", lambda *args: print("    pool: connection checked out"))
event.listen(engine, "checkin", lambda *args: print("    pool: connection returned"))
event.listen(engine, "commit", lambda conn: print("    COMMIT"))
event.listen(engine, "rollback", lambda conn: print("    ROLLBACK"))

sessions = []  # the session each request used


@app.post("/users/<name>")
def add_user(name):
    sessions.append(db.session())  # db.session() is the Session behind the proxy
    user = User(name=name)
    db.session.add(user)
    db.session.commit()
    print("    view: one session all through the request:", db.session() is sessions[-1])
    return {"id": user.id}  # expired by commit: reading it starts a new transaction


@app.post("/broken/<name>")
def add_user_then_fail(name):
    db.session.add(User(name=name))
    db.session.flush()  # the INSERT is sent, not committed
    raise RuntimeError("the view failed")


@app.teardown_request
def request_over(exc):  # runs just before the app context ends and the session is removed
    print("    request over, error:", type(exc).__name__ if exc else None)


client = app.test_client()
for number, name in enumerate(["ada", "grace"], 1):
    print(f"{number}. POST /users/{name}")
    response = client.post(f"/users/{name}")
    print("response:", response.json, "| connections checked out:", pool.checkedout())
    assert pool.checkedout() == 0

print("3. POST /broken/linus")
try:
    client.post("/broken/linus")
except RuntimeError as error:
    print("the client got:", type(error).__name__, "| connections checked out:", pool.checkedout())
    assert pool.checkedout() == 0
print("two requests, two sessions:", sessions[0] is not sessions[1])

print("4. the scope is the app context, not the thread")
with app.app_context():
    outer = db.session()
    with app.app_context():  # a second context on the same thread
        inner = db.session()
        print("nested app context gets its own session:", inner is not outer)
    names = db.session.scalars(select(User.name).order_by(User.id)).all()
engine.dispose()
tmp.cleanup()
print("names in the database:", names)
assert sessions[0] is not sessions[1] and inner is not outer
assert names == ["ada", "grace"]  # linus was rolled back
