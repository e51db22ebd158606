import gc
import os
import tempfile
import weakref
from collections import Counter

from sqlalchemy import create_engine, event, text

with tempfile.TemporaryDirectory() as folder:
    engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{folder}/app.db"))
    counts = Counter()  # pool events: connect = DBAPI connection opened, close = closed
    for name in ("connect", "close"):
        event.listen(engine, name, lambda *args, name=name: counts.update([name]))

    def show(label):
        print(f"    {label + ':':18} opened {counts['connect']}, closed {counts['close']},"
              f" in pool {engine.pool.checkedin()}, checked out {engine.pool.checkedout()}")

    print("1. an Engine has no close()")
    try:
        engine.close()
    except AttributeError as error:
        print("    engine.close():", type(error).__name__, "-", error)

    print("2. dispose() with two connections returned and one still checked out")
    first, second, busy = engine.connect(), engine.connect(), engine.connect()
    first.close()
    second.close()
    show("before dispose()")
    old_pool = weakref.ref(engine.pool)
    engine.dispose()
    show("after dispose()")
    assert counts["close"] == 2 and engine.pool is not old_pool()
    print("    the checked-out connection still works:", busy.execute(text("SELECT 1")).scalar())
    busy.close()
    show("after closing it")
    print("    it went back to the old pool, which holds:", old_pool().checkedin())
    assert counts["close"] == 2
    del busy
    gc.collect()  # nothing refers to the old pool any more; the driver closes its connection
    print("    old pool garbage-collected:", old_pool() is None)

    print("3. the engine still works: the new pool opens a connection")
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    show("after connect()")
    assert counts["connect"] == 4

    print("4. end of the program: dispose() closes what the pool holds")
    engine.dispose()
    show("after dispose()")
    assert counts["close"] == 3
