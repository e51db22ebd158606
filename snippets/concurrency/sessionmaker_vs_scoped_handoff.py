"""An object handed to another thread still loads through the Session that loaded it."""

import atexit
import os
import shutil
import tempfile
import threading

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    object_session,
    relationship,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    email: Mapped[str] = mapped_column(String(100))


# A SQLite file, not sqlite://, which gives each thread a new, empty database
folder = tempfile.mkdtemp()
atexit.register(shutil.rmtree, folder)
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
new_session = sessionmaker(engine)
with new_session.begin() as session:
    session.add(User(name="ada", addresses=[Address(email="ada@example.com")]))

sessions = {}  # thread name -> the Session the registry gave that thread


@event.listens_for(new_session, "do_orm_execute")
def show_query(state):
    owner = next(name for name, session in sessions.items() if session is state.session)
    here = threading.current_thread().name
    print(f"    thread {here} queries through thread {owner}'s Session")


# --8<-- [start:steps]
Session = scoped_session(new_session)
handed_over, user_is_handed, b_is_done = [], threading.Event(), threading.Event()


def thread_a():
    print("1. thread A loads a user through the scoped_session")
    sessions["A"] = Session()
    handed_over.append(Session.scalars(select(User)).one())  # for thread B
    user_is_handed.set()
    b_is_done.wait(timeout=30)  # A's unit of work is still going on
    Session.remove()


def thread_b():
    user_is_handed.wait(timeout=30)
    print("2. thread B, with a Session of its own, reads the user's addresses")
    sessions["B"] = Session()
    user = handed_over[0]
    print("    emails:", [address.email for address in user.addresses])
    print("the user's Session is thread A's:", object_session(user) is sessions["A"])
    assert object_session(user) is sessions["A"]
    b_is_done.set()
    Session.remove()


threads = [
    threading.Thread(target=thread_a, name="A"),
    threading.Thread(target=thread_b, name="B"),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
# --8<-- [end:steps]
