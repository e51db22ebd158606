import os
import tempfile
import threading
import time

from sqlalchemy import create_engine, exc, text

folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/threads.db")


def run_workers(engine, workers=5):
    """Each worker holds a connection until every worker has one or gave up."""
    outcomes = []
    finish = threading.Event()

    def work():
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
                outcomes.append("ok")
                finish.wait()  # a slow request: the connection stays checked out
        except exc.TimeoutError as error:
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    while len(outcomes) < workers:
        time.sleep(0.01)
    finish.set()
    for thread in threads:
        thread.join()
    return outcomes.count("ok"), outcomes.count("TimeoutError")


print("1. 5 busy threads, pool of 2 + 1 overflow")
engine = create_engine(url, pool_size=2, max_overflow=1, pool_timeout=0.1)
ok, timed_out = run_workers(engine)
print(f"    got a connection: {ok}, TimeoutError: {timed_out}")
assert (ok, timed_out) == (3, 2)
engine.dispose()

print("2. 5 busy threads, pool sized for 5")
engine = create_engine(url, pool_size=5, max_overflow=0, pool_timeout=0.1)
ok, timed_out = run_workers(engine)
print(f"    got a connection: {ok}, TimeoutError: {timed_out}")
assert (ok, timed_out) == (5, 0)
engine.dispose()
folder.cleanup()
