"""A thread started in a view has no app context: pass it the app, push one there."""

import atexit
import os
import threading

from flask import Flask, current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = url
db.init_app(app)
with app.app_context():
    db.create_all()
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
seen = {}  # what each thread returned, or the error it raised


def in_thread(target, *args):
    """Run target in a new thread and wait for it: its result, or its RuntimeError."""
    outcome = []

    def run():
        try:
            outcome.append(target(*args))
        except RuntimeError as error:
            outcome.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return outcome[0]


# --8<-- [start:steps]
def count_users():
    return db.session.scalar(select(func.count(User.id)))


def count_users_in(flask_app):
    with flask_app.app_context():  # this thread's own context, and session
        return db.session.scalar(select(func.count(User.id)))


@app.post("/users/<name>")
def add_user(name):
    db.session.add(User(name=name))
    db.session.commit()
    seen["count_users()"] = in_thread(count_users)
    seen["count_users_in(current_app)"] = in_thread(count_users_in, current_app)
    real_app = current_app._get_current_object()  # the Flask object behind the proxy
    seen["count_users_in(real_app)"] = in_thread(count_users_in, real_app)
    return {"saved": name}


print("1. POST /users/ada: the view runs three threads, one after the other")
print("response:", app.test_client().post("/users/ada").json)
print("2. what each thread returned")
for call, outcome in seen.items():
    print(f"{call}: {outcome}")
assert seen["count_users_in(real_app)"] == 1
# --8<-- [end:steps]
