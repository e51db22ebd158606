"""With 5 + 10 connections checked out, the next connect() waits, then TimeoutError."""

import os
import tempfile

from sqlalchemy import create_engine, event, exc, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/limit.db")
# The default pool_size=5 and max_overflow=10; the wait is 1 s instead of 30 s
engine = create_engine(url, pool_timeout=1)
closed = []
event.listen(engine, "close", lambda *args: closed.append(1))

# --8<-- [start:steps]
print("1. fifteen connections checked out, none returned")
held = [engine.connect() for _ in range(15)]
print("checked out:", engine.pool.checkedout(), "| overflow():", engine.pool.overflow())

print("2. the sixteenth waits pool_timeout seconds for one to come back")
try:
    engine.connect()
except exc.TimeoutError as error:
    print(f"{type(error).__name__}: {error}")
    builtin = isinstance(error, TimeoutError)
    print("a subclass of Python's TimeoutError:", builtin)

print("3. one returned: the next connect() gets it")
held.pop().close()
with engine.connect() as conn:
    print("SELECT 1 ->", conn.scalar(text("SELECT 1")))

print("4. all returned: the pool keeps five and closes the overflow")
for conn in held:
    conn.close()
print("in the pool:", engine.pool.checkedin(), "| closed:", len(closed))
assert engine.pool.checkedin() == 5
overflow = engine.pool.overflow()  # open now (5) minus pool_size (5)
print("overflow():", overflow)
assert overflow == 0
# --8<-- [end:steps]
engine.dispose()
