"""A sqlite3 connection raises ProgrammingError in a thread other than its creator."""

import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import StaticPool, create_engine, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

# SQLite only: the error comes from Python's sqlite3 driver, so this example ignores
# DATABASE_URL. It creates no tables.

other_thread = ThreadPoolExecutor(max_workers=1)


def show(error):
    """The traceback's last line, one sentence a line, thread ids replaced by <id>."""
    name = f"{type(error).__module__}.{type(error).__name__}:"
    message = re.sub(r"thread id \d+", "thread id <id>", str(error).splitlines()[0])
    if message.startswith("("):  # SQLAlchemy's error names the driver's error first
        driver_error, message = message.split(" ", 1)
        name += " " + driver_error
    print("    " + name)
    for sentence in message.split(". "):
        print("        " + sentence.rstrip(".") + ".")


# --8<-- [start:steps]
print("1. a plain sqlite3 connection, used by another thread")
raw = sqlite3.connect(":memory:")
try:
    other_thread.submit(raw.execute, "SELECT 1").result()
except sqlite3.ProgrammingError as error:
    show(error)
raw.close()

print("2. a Session that began in this thread, used by another thread")
engine = create_engine("sqlite://")  # :memory:, the default pool
session = Session(engine)
session.execute(text("SELECT 1"))  # the session holds this thread's connection now
try:
    other_thread.submit(session.execute, text("SELECT 2")).result()
except ProgrammingError as error:
    show(error)
session.close()

print("3. StaticPool without check_same_thread=False, used by another thread")
engine = create_engine("sqlite://", poolclass=StaticPool)
with engine.connect() as conn:  # this thread opens the pool's one connection
    conn.execute(text("SELECT 1"))


def query():  # what an endpoint or a worker does: a session of its own
    with Session(engine) as session:
        return session.execute(text("SELECT 1")).all()


try:
    other_thread.submit(query).result()
except ProgrammingError as error:
    show(error)
    assert type(error.orig) is sqlite3.ProgrammingError
# --8<-- [end:steps]
other_thread.shutdown()
