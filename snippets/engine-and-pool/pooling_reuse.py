import os
import tempfile
from collections import Counter

from sqlalchemy import NullPool, create_engine, event, text

# SQLite picks its pool from the URL alone; creating an engine connects to nothing.
print("sqlite:// (in memory) gets:", type(create_engine("sqlite://").pool).__name__)
print("sqlite:///app.db (file) gets:", type(create_engine("sqlite:///app.db").pool).__name__)


def watch(engine):
    """Count pool events: connect = a new DBAPI connection, close = one closed."""
    counts = Counter()
    for name in ("connect", "checkout", "close"):
        event.listen(engine, name, lambda *args, name=name: counts.update([name]))
    return counts


def show(counts):
    print(f"    checkouts: {counts['checkout']}, DBAPI connections opened: "
          f"{counts['connect']}, closed: {counts['close']}")


with tempfile.TemporaryDirectory() as folder:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{folder}/pooling.db")

    print("1. default pool: five checkouts, one after the other")
    engine = create_engine(url)
    pool = engine.pool
    print("    pool:", type(pool).__name__, "size:", pool.size(), "timeout:", pool.timeout())
    counts = watch(engine)
    seen = []
    for _ in range(5):
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            seen.append(conn.connection.dbapi_connection)
    show(counts)
    print("    the same DBAPI connection each time:", all(c is seen[0] for c in seen))
    assert counts["connect"] == 1 and counts["checkout"] == 5

    print("2. three checked out at once: the pool opens more, then keeps them")
    held = [engine.connect() for _ in range(3)]
    print("    checked out:", pool.checkedout(), "in pool:", pool.checkedin())
    for conn in held:
        conn.close()
    print("    checked out:", pool.checkedout(), "in pool:", pool.checkedin())
    print("    status():", pool.status())
    show(counts)
    assert counts["connect"] == 3 and counts["close"] == 0 and pool.checkedin() == 3
    engine.dispose()

    print("3. NullPool: five checkouts, no pooling")
    engine = create_engine(url, poolclass=NullPool)
    counts = watch(engine)
    for _ in range(5):
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    show(counts)
    assert counts["connect"] == 5 and counts["close"] == 5
