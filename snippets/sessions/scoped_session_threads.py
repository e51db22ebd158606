"""A scoped_session gives each thread its own Session, and so its own connection."""

import atexit
import os
import shutil
import tempfile
import threading

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


# A SQLite file, not sqlite://, whose in-memory database each thread gets a copy of
folder = tempfile.mkdtemp()
atexit.register(shutil.rmtree, folder)
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

# --8<-- [start:steps]
Session = scoped_session(sessionmaker(engine))
both_running = threading.Barrier(2)
sessions, in_use = {}, {}


def handle_request(name):
    session = Session()  # this thread's session
    session.scalars(select(User)).all()  # it now holds a connection
    both_running.wait()
    sessions[name] = session
    in_use[name] = engine.pool.checkedout()
    both_running.wait()  # neither removes its session before both have looked
    Session.remove()


threads = [threading.Thread(target=handle_request, args=(n,)) for n in "AB"]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("A and B got different sessions:", sessions["A"] is not sessions["B"])
assert sessions["A"] is not sessions["B"]
print("connections in use while both ran:", in_use["A"])
print("connections in use after both remove():", engine.pool.checkedout())
engine.dispose()
# --8<-- [end:steps]
