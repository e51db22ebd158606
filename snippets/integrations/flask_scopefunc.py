"""Nested app contexts share a thread-scoped session, not one keyed on the context."""

import atexit
import os

from flask import Flask
from flask.globals import app_ctx
from sqlalchemy import String, create_engine, select
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


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
app = Flask(__name__)


def saved_names():
    with engine.connect() as conn:
        return conn.scalars(select(User.name)).all()


# --8<-- [start:steps]
def current_app_context():
    return id(app_ctx._get_current_object())  # as Flask-SQLAlchemy 3.1 does


factory = sessionmaker(engine)
per_thread = scoped_session(factory)  # the default scope: the thread
per_context = scoped_session(factory, scopefunc=current_app_context)


@app.teardown_appcontext
def remove_sessions(exc):
    print("    teardown: remove()")
    per_thread.remove()
    per_context.remove()


def work_in_nested_contexts(Session):
    with app.app_context():
        outer = Session()
        outer.add(User(name="ada"))
        with app.app_context():  # a helper, CLI command or test may push one
            print("inner context, same session:", Session() is outer)
        print("back in the outer context, same session:", Session() is outer)
        Session.commit()
    return saved_names()


print("1. scoped_session(...): a session per thread")
names = work_in_nested_contexts(per_thread)
print("names saved:", names)
assert names == []  # the inner teardown closed it, ada included

print("2. scoped_session(..., scopefunc=current_app_context)")
names = work_in_nested_contexts(per_context)
print("names saved:", names)
assert names == ["ada"]
# --8<-- [end:steps]
