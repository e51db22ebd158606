"""With NullPool, each invocation opens its own connection and closes it at the end."""

import os
import sys

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL or MariaDB in DATABASE_URL. No real serverless runtime: the example
# calls the handler itself.

url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}

# --8<-- [start:steps]
engine = create_engine(url, poolclass=NullPool)  # at module scope all the same


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new connection")


@event.listens_for(engine, "close")
def on_close(dbapi_connection, connection_record):
    print("    pool: connection closed")


def handler(event, context):
    with engine.connect() as conn:
        server_id = conn.scalar(text(SERVER_ID[engine.dialect.name]))
    return {"server connection": server_id}


print("1. three warm invocations")
used = set()
for _ in range(3):
    used.add(handler({}, None)["server connection"])
print("server connections used:", len(used))
assert len(used) == 3  # nothing was kept between invocations: nothing to go stale
# --8<-- [end:steps]
