"""More busy threads than the pool has connections time out, with no leak."""

import os
import tempfile
import threading

from sqlalchemy import create_engine, exc, select

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/threads.db")


def run_requests(engine, requests=5):
    """Each request holds its connection until every request has one or gave up."""
    outcomes = []
    all_decided = threading.Barrier(requests)

    def request():
        try:
            with engine.connect() as conn:
                conn.execute(select(1))
                outcomes.append("ok")
                all_decided.wait()  # a slow request: the connection stays checked out
        except exc.TimeoutError:
            outcomes.append("TimeoutError")
            all_decided.wait()

    threads = [threading.Thread(target=request) for _ in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes.count("ok"), outcomes.count("TimeoutError")


# --8<-- [start:steps]
print("1. 5 requests at once, pool_size=2, max_overflow=1")
engine = create_engine(url, pool_size=2, max_overflow=1, pool_timeout=0.1)
ok, timed_out = run_requests(engine)
print(f"got a connection: {ok}, TimeoutError: {timed_out}")
assert timed_out == 2
engine.dispose()

print("2. 5 requests at once, pool_size=5, max_overflow=0")
engine = create_engine(url, pool_size=5, max_overflow=0, pool_timeout=0.1)
ok, timed_out = run_requests(engine)
print(f"got a connection: {ok}, TimeoutError: {timed_out}")
assert timed_out == 0
engine.dispose()
# --8<-- [end:steps]
