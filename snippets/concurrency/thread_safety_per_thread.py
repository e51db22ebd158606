"""Threads sharing the engine and sessionmaker, with a Session each, all commit."""

import atexit
import os
import shutil
import tempfile
import threading

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A SQLite file, not sqlite://, which gives each thread a new, empty database
folder = tempfile.mkdtemp()
atexit.register(shutil.rmtree, folder)
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

# --8<-- [start:steps]
print("1. two threads, a Session each")
new_session = sessionmaker(engine)  # shared, like the engine
both_inside = threading.Barrier(2)
sessions, in_use, outcomes = {}, {}, {}


def save(name):
    with new_session() as session:  # this thread's own Session
        session.scalars(select(User)).all()  # it now holds a connection
        both_inside.wait()
        sessions[name] = session
        in_use[name] = engine.pool.checkedout()
        both_inside.wait()  # both have looked before either commits
        session.add(User(name=name))
        session.commit()
        outcomes[name] = "saved"


threads = [threading.Thread(target=save, args=(name,)) for name in ("ada", "grace")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("ada:", outcomes["ada"], "| grace:", outcomes["grace"])
print("the same Session in both threads:", sessions["ada"] is sessions["grace"])
print("connections in use while both ran:", in_use["ada"])

print("2. what the database holds")
with new_session() as session:
    names = session.scalars(select(User.name).order_by(User.name)).all()
print("users:", names)
assert names == ["ada", "grace"]
engine.dispose()
# --8<-- [end:steps]
