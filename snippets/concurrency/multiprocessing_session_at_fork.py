"""A Session open at the fork keeps the parent's connection, even after dispose()."""

import atexit
import multiprocessing
import os
import tempfile

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs the fork start method: Linux, or macOS when asked for explicitly; not Windows.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a SQLite file database: SQLite pools those too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/fork.db")
engine = create_engine(url)
PARENT = os.getpid()


@event.listens_for(engine, "connect")
def remember_process(dbapi_connection, connection_record):
    connection_record.info["opened in"] = os.getpid()  # travels with the connection


Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as setup:
    setup.add_all([User(name="ada"), User(name="grace")])
    setup.commit()


# --8<-- [start:steps]
def with_the_parents_session(user_id):
    engine.dispose(close=False)  # a new pool for the child
    session.scalar(select(User.name).where(User.id == user_id))
    return session.connection().info["opened in"] == PARENT


def with_a_session_of_its_own(user_id):
    engine.dispose(close=False)
    with Session(engine) as own:
        own.scalar(select(User.name).where(User.id == user_id))
        return own.connection().info["opened in"] == PARENT


fork = multiprocessing.get_context("fork")
print("1. the parent reads the users; its session keeps the connection")
session = Session(engine)
ids = session.scalars(select(User.id)).all()

print("2. a forked child queries through the parent's session")
with fork.Pool(1) as pool:
    parents = pool.apply(with_the_parents_session, ids[:1])
print("    the parent's connection:", parents)
assert parents

print("3. a forked child opens a session of its own")
with fork.Pool(1) as pool:
    parents = pool.apply(with_a_session_of_its_own, ids[:1])
print("    the parent's connection:", parents)
assert not parents
session.close()
# --8<-- [end:steps]
engine.dispose()
