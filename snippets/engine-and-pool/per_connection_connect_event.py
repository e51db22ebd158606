"""A connect event runs once per new DBAPI connection, so replacements get it too."""

import itertools
import os
import tempfile
import time

from sqlalchemy import create_engine, event, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/setup.db")
# One setting per database, and the query that shows it
SETTINGS = {
    "sqlite": ("PRAGMA foreign_keys = ON", "PRAGMA foreign_keys"),
    "postgresql": ("SET statement_timeout = '500ms'", "SHOW statement_timeout"),
    "mysql": ("SET SESSION max_statement_time = 0.5", "SELECT @@max_statement_time"),
}
engine = create_engine(url, pool_size=1, max_overflow=0)
SETUP, SHOW = SETTINGS[engine.dialect.name]
numbers = itertools.count(1)


def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print(f"    pool: checkout #{connection_record.info['n']}")


event.listen(engine, "checkout", on_checkout)


def setting(engine):
    """Check a connection out of the pool and read the setting on it."""
    with engine.connect() as conn:
        return str(conn.scalar(text(SHOW)))


# --8<-- [start:steps]
@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    connection_record.info["n"] = next(numbers)
    print(f"    connect #{connection_record.info['n']}: {SETUP}")
    cursor = dbapi_connection.cursor()
    cursor.execute(SETUP)
    cursor.close()
    dbapi_connection.commit()  # see the next example: a rollback could undo the SET


print("1. three checkouts of the pooled connection")
for _ in range(3):
    expected = setting(engine)
print("    setting:", expected)

print("2. invalidate(): the pool drops the connection, as after a disconnect")
with engine.connect() as conn:
    conn.invalidate()
replaced = [setting(engine)]

print("3. pool_recycle=3, on a second engine: a checkout, another one 3.1 s later")
# 3 s, not 1: on a busy machine, over 1 s passed between a connect and its checkout
recycling = create_engine(url, pool_recycle=3)
event.listen(recycling, "connect", on_connect)
event.listen(recycling, "checkout", on_checkout)
setting(recycling)
time.sleep(3.1)  # the connection is now older than pool_recycle
replaced.append(setting(recycling))

print("4. engine.dispose(): a new, empty pool")
engine.dispose()
replaced.append(setting(engine))

print("setting on the new connections:", ", ".join(replaced))
assert replaced == [expected] * 3
engine.dispose()
recycling.dispose()
# --8<-- [end:steps]
