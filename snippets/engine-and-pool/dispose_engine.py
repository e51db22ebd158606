"""engine.dispose() closes the idle pooled connections and starts a new pool."""

import gc
import os
import tempfile
import weakref
from collections import Counter

from sqlalchemy import create_engine, event, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/dispose.db")
engine = create_engine(url, pool_size=1)  # a small pool, so that its limit shows
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

print("2. dispose() with one connection returned and two still checked out")
idle, busy, other = engine.connect(), engine.connect(), engine.connect()
idle.close()
show("before dispose()")
old_pool = weakref.ref(engine.pool)
engine.dispose()
show("after dispose()")
print("    a new pool:", engine.pool is not old_pool())
print("    a busy connection still works:", busy.scalar(text("SELECT 1")))
busy.close()
other.close()
show("after both close()")
assert counts["close"] == 2  # on return, the old pool closed one of the two
print("    the old pool keeps pool_size of them:", old_pool().checkedin())
del busy, other
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
