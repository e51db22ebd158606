"""sessionmaker() makes a new Session per call; scoped_session keeps one per thread."""

import os
import threading

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)

# --8<-- [start:steps]
new_session = sessionmaker(engine)  # a factory: each call makes a Session
Session = scoped_session(new_session)  # a registry: one Session per thread
both_have_theirs = threading.Barrier(2)
got = {}


def worker(thread):
    got[thread] = {
        "new_session()": (new_session(), new_session()),
        "Session()": (Session(), Session()),
    }
    both_have_theirs.wait()  # both threads hold their sessions at the same time
    for pair in got[thread].values():
        pair[0].close()
    Session.remove()


threads = [threading.Thread(target=worker, args=(name,)) for name in "AB"]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

for call in ("new_session()", "Session()"):
    a, b = got["A"][call], got["B"][call]
    print(f"{call}, called twice in thread A and twice in thread B")
    print("    the same Session twice in thread A:", a[0] is a[1])
    print("    the same Session in threads A and B:", a[0] is b[0])
assert got["A"]["Session()"][0] is got["A"]["Session()"][1]
# --8<-- [end:steps]
