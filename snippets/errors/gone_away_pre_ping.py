"""With pool_pre_ping=True, a connection the server closed is replaced at checkout."""

import os
import tempfile
import time

from sqlalchemy import create_engine, event, select, text

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/pre_ping.db")
engine = create_engine(url, pool_pre_ping=True)

for name in ("connect", "invalidate", "close"):  # print the pool's events
    event.listen(engine, name, lambda *args, name=name: print("    pool:", name))

# A one-second idle timeout for one connection, and how to see that it is gone
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
IDLE_TIMEOUT = {
    "postgresql": "SET idle_session_timeout = '1s'",
    "mysql": "SET SESSION wait_timeout = 1",
}
CONNECTED = {
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}


def server_closes_idle_connection():
    """The connection in the pool sits idle until the server closes it. SQLite has no
    server: there the example closes the driver's connection behind the pool's back."""
    dialect = engine.dialect.name
    with engine.connect() as conn:
        dbapi_connection = conn.connection.dbapi_connection
        if dialect != "sqlite":
            server_id = conn.scalar(text(SERVER_ID[dialect]))
    # The connection is back in the pool; the timeout is the last thing it runs
    if dialect == "sqlite":
        dbapi_connection.close()
        return
    cursor = dbapi_connection.cursor()
    cursor.execute(IDLE_TIMEOUT[dialect])
    cursor.close()
    if dialect == "postgresql":
        dbapi_connection.commit()  # there SET is transactional; the timer starts now
    watcher = create_engine(url)
    while True:  # until the server has closed it
        with watcher.connect() as conn:
            if not conn.scalar(text(CONNECTED[dialect]), {"id": server_id}):
                break
        time.sleep(0.1)
    watcher.dispose()


# --8<-- [start:steps]
print("1. the server closes the connection while it is idle in the pool")
server_closes_idle_connection()
print("2. checkout: the ping fails, and the pool opens a new connection")
with engine.connect() as conn:
    result = conn.scalar(select(1))
print("query result:", result)
assert result == 1  # the query never saw the closed connection
# --8<-- [end:steps]
