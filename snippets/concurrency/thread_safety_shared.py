"""Two threads that commit through one shared Session make the second commit fail."""

import atexit
import os
import shutil
import tempfile
import threading

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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

# A race, pinned down: A is held in commit(), before its COMMIT, until B calls commit()
a_is_committing, b_has_called = threading.Event(), threading.Event()


@event.listens_for(engine, "commit")
def hold_thread_a(conn):
    if threading.current_thread().name == "A":
        a_is_committing.set()
        b_has_called.wait(timeout=30)


# --8<-- [start:steps]
print("1. two threads save a user each, through one shared Session")
shared = Session(engine)
outcomes = {}


def save(name):
    try:
        shared.add(User(name=name))
        shared.commit()
        outcomes[name] = "saved"
    except Exception as error:
        outcomes[name] = f"{type(error).__name__}: {error}"


def thread_a():
    save("ada")


def thread_b():
    a_is_committing.wait(timeout=30)  # A is in the middle of its commit()
    save("grace")
    b_has_called.set()


threads = [
    threading.Thread(target=thread_a, name="A"),
    threading.Thread(target=thread_b, name="B"),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("A, ada:", outcomes["ada"])
print("B, grace:", outcomes["grace"])
assert outcomes["grace"].startswith("IllegalStateChangeError")
shared.close()

print("2. what the database holds")
with Session(engine) as session:
    print("users:", session.scalars(select(User.name)).all())
# --8<-- [end:steps]
