"""With pool_pre_ping, the first call after a thaw replaces the dead connection."""

import os
import sys

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL or MariaDB in DATABASE_URL. No real serverless runtime and no real
# freeze: the example calls the handler itself, and has the server end the idle
# connection between two calls, as the server or a proxy does while a container sleeps.

url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
END = {"postgresql": "SELECT pg_terminate_backend(:id)", "mysql": "KILL :id"}
OPEN = {  # 1 while the server still has the connection
    "postgresql": "SELECT count(*) FROM pg_stat_activity WHERE pid = :id",
    "mysql": "SELECT count(*) FROM information_schema.processlist WHERE id = :id",
}
admin = create_engine(url, poolclass=NullPool)  # another client of the server


def server_ends(server_id: int) -> None:
    """The server ends one of its connections; wait until it is gone."""
    dialect = admin.dialect.name
    with admin.connect() as conn:
        conn.execute(text(END[dialect]), {"id": server_id})
    while True:
        with admin.connect() as conn:
            if not conn.scalar(text(OPEN[dialect]), {"id": server_id}):
                return


# --8<-- [start:steps]
engine = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True)


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new connection")


@event.listens_for(engine, "invalidate")
def on_invalidate(dbapi_connection, connection_record, exception):
    print("    pool: connection invalidated")


def handler(event, context):
    with engine.connect() as conn:
        server_id = conn.scalar(text(SERVER_ID[engine.dialect.name]))
    return {"server connection": server_id}


print("1. an invocation; its connection stays in the pool")
first = handler({}, None)["server connection"]

print("2. frozen: meanwhile the server ends the idle connection")
server_ends(first)

print("3. thawed: the next invocation; the ping fails, the pool reconnects")
second = handler({}, None)["server connection"]
print("invocation succeeded, on a new server connection:", second != first)
assert second != first
# --8<-- [end:steps]
