"""Two threads sharing one Session make it raise IllegalStateChangeError."""

import os
import tempfile
import threading

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import IllegalStateChangeError
from sqlalchemy.orm import Session, scoped_session, sessionmaker

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/threads.db")
engine = create_engine(url)

# A race, pinned down: thread A is held inside its connect until B has called close()
a_is_connecting, b_has_called = threading.Event(), threading.Event()


@event.listens_for(engine, "connect")
def hold_thread_a(dbapi_connection, connection_record):
    if threading.current_thread().name == "A":
        a_is_connecting.set()
        b_has_called.wait()


# --8<-- [start:steps]
print("1. one Session shared by two threads")
shared = Session(engine)


def thread_a():
    print("A: query:", shared.scalar(select(1)))


def thread_b():
    a_is_connecting.wait()  # A's query is getting its connection
    try:
        shared.close()
    except IllegalStateChangeError as error:
        print(f"B: close(): {type(error).__name__}: {error}")
    b_has_called.set()


threads = [
    threading.Thread(target=thread_a, name="A"),
    threading.Thread(target=thread_b),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
shared.close()

print("2. scoped_session: each thread gets a Session of its own")
ScopedSession = scoped_session(sessionmaker(engine))
all_started = threading.Barrier(2)
sessions, results = [], []


def own_session():
    sessions.append(ScopedSession())  # this thread's Session
    all_started.wait()  # both threads use their session at the same time
    results.append(ScopedSession.scalar(select(1)))
    ScopedSession.remove()  # close this thread's Session


threads = [threading.Thread(target=own_session) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("query results:", results)
print("the same Session in both threads:", sessions[0] is sessions[1])
assert sessions[0] is not sessions[1]
# --8<-- [end:steps]
