"""db.session, db.engine and current_app need an app context: app.app_context()."""

import atexit
import os
import traceback

from flask import Flask, current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, create_engine, select
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
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit


def attempt(what, use):
    try:
        use()
        print(f"{what}: works")
    except RuntimeError as error:
        print(f"{what}: {type(error).__name__}: {str(error).splitlines()[0]}")
        return error


# --8<-- [start:steps]
print("1. in a script, or a module at import time: no app context")
attempt("db.create_all()", db.create_all)
attempt("db.engine", lambda: db.engine)
attempt("current_app.name", lambda: current_app.name)
error = attempt("db.session", lambda: db.session.scalars(select(User)).all())
print("the last lines of the traceback:")
print("".join(traceback.format_exception_only(error)), end="")
assert str(error).startswith("Working outside of application context.")

print("2. the same calls inside with app.app_context():")
with app.app_context():
    attempt("db.create_all()", db.create_all)
    attempt("db.engine", lambda: db.engine)
    attempt("current_app.name", lambda: current_app.name)
    attempt("db.session", lambda: db.session.scalars(select(User)).all())
# --8<-- [end:steps]
