"""engine.dispose() closes the idle pooled connections and starts a new pool."""

import gc
import os
import tempfile
import weakref
from collections import Counter

from sqlalchemy import create_engine, event, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/dispose.db")
engine = create_engine(url)
counts = Counter()  # pool events: connect = DBAPI connection opened, close = closed
for name in ("connect", "close"):
    event.listen(engine, name, lambda *args, name=name: counts.update([name]))


def show(label):
    print(
        f"    {label + ':':18} opened {counts['connect']}, closed {counts['close']},"
        f" in pool {engine.pool.checkedin()}, checked out {engine.pool.checkedout()}"
    )


# --8<-- [start:steps]
print("1. an Engine has no close()")
try:
    engine.close()
except AttributeError as error:
    print(f"    {type(error).__name__}: {error}")

print("2. dispose() with two connections returned and one still checked out")
first, second, busy = engine.connect(), engine.connect(), engine.connect()
first.close()
second.close()
show("before dispose()")
old_pool = weakref.ref(engine.pool)
engine.dispose()
show("after dispose()")
print("    a new pool:", engine.pool is not old_pool())
print("    the busy connection still works:", busy.scalar(text("SELECT 1")))
busy.close()
show("after busy.close()")
assert counts["close"] == 2  # the busy one was not closed, not even on return
print("    it went back to the old pool, which holds:", old_pool().checkedin())
del busy
gc.collect()  # the old pool is unreferenced: the driver closes its connection
print("    old pool garbage-collected:", old_pool() is None)

print("3. the engine still works: the new pool opens a connection")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
show("after connect()")

print("4. end of the program: dispose() closes what the pool holds")
engine.dispose()
show("after dispose()")
# --8<-- [end:steps]
