"""Closing a pooled connection keeps it open for reuse; with NullPool it closes."""

import os
import tempfile
from collections import Counter

from sqlalchemy import NullPool, create_engine, event, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/pooling.db")


def watch(engine):
    """Count pool events: connect = a new DBAPI connection, close = one closed."""
    counts = Counter()
    for name in ("connect", "checkout", "close"):
        event.listen(engine, name, lambda *args, name=name: counts.update([name]))
    return counts


def show_pool(engine):
    pool = engine.pool
    print("    checked out:", pool.checkedout(), "| in the pool:", pool.checkedin())


def show(counts):
    print(
        f"    checkouts: {counts['checkout']}, DBAPI connections opened: "
        f"{counts['connect']}, closed: {counts['close']}"
    )


# --8<-- [start:steps]
print("1. the default pool: five checkouts, one after the other")
engine = create_engine(url)
counts = watch(engine)
seen = []
for _ in range(5):
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        seen.append(conn.connection.dbapi_connection)
show(counts)
same = all(dbapi_connection is seen[0] for dbapi_connection in seen)
print("    the same DBAPI connection each time:", same)
assert counts["connect"] == 1

print("2. three checked out at once: the pool opens more, then keeps them")
held = [engine.connect() for _ in range(3)]
show_pool(engine)
for conn in held:
    conn.close()
show_pool(engine)
print("    status():", engine.pool.status())
show(counts)
engine.dispose()

print("3. NullPool: five checkouts, no pooling")
engine = create_engine(url, poolclass=NullPool)
counts = watch(engine)
for _ in range(5):
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
show(counts)
assert counts["connect"] == 5
# --8<-- [end:steps]
