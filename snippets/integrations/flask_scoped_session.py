import os
import tempfile

from flask import Flask
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


tmp = tempfile.TemporaryDirectory()  # a file database, so that the engine has a QueuePool
engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/app.db"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
Session = scoped_session(sessionmaker(engine))  # one session per thread (the default scope)
event.listen(engine, "checkout", lambda *args: print("    pool: connection checked out"))
event.listen(engine, "checkin", lambda *args: print("    pool: connection returned"))
event.listen(engine, "commit", lambda conn: print("    COMMIT"))
event.listen(engine, "rollback", lambda conn: print("    ROLLBACK"))

app = Flask(__name__)
app.testing = True  # let an error in a view reach the test client
sessions = []  # the session each request used


@app.teardown_appcontext
def remove_session(exc):
    print("    teardown: Session.remove()")
    Session.remove()  # close (roll back what was not committed), then forget the session


@app.post("/users/<name>")
def add_user(name):
    sessions.append(Session())
    Session.add(User(name=name))
    Session.commit()
    print("    view: one session all through the request:", Session() is sessions[-1])
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
print("two requests, two sessions:", sessions[0] is not sessions[1])
print("registry holds a session:", Session.registry.has())

print("3. the default scope is the thread, not the app context")
with app.app_context():
    outer = Session()
    with app.app_context():  # a second context on the same thread
        inner = Session()
        print("nested app context gets the same session:", inner is outer)
    # the inner context's teardown removed the session the outer one was using
    outer_kept_it = Session.registry.has()
    print("outer context still has its session:", outer_kept_it)

with engine.connect() as conn:
    names = conn.scalars(select(User.name)).all()
engine.dispose()
tmp.cleanup()
print("names in the database:", names)
assert sessions[0] is not sessions[1] and engine.pool.checkedout() == 0
assert inner is outer and not outer_kept_it
assert names == ["ada"]  # grace was rolled back
