"""An engine at module scope serves every warm invocation; a cold start opens anew."""

import os
import subprocess
import sys

from sqlalchemy import create_engine, text

# Needs PostgreSQL or MariaDB in DATABASE_URL. No real serverless runtime: the example
# calls the handler itself (warm invocations), and runs this file in new processes
# (cold starts).

url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}


def cold_start() -> int:
    """A new container: a new process imports this module and calls the handler."""
    command = [sys.executable, __file__, "cold start"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return int(done.stdout)


# --8<-- [start:steps]
# At module scope: runs once per container, when the runtime imports the module
engine = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True)


def handler(event, context):
    with engine.connect() as conn:  # borrowed from the pool, returned at the end
        server_id = conn.scalar(text(SERVER_ID[engine.dialect.name]))
    return {"server connection": server_id}


if sys.argv[1:] == ["cold start"]:  # in the new process
    print(handler({}, None)["server connection"])
    sys.exit(0)

print("1. three warm invocations: the same process calls the handler again")
warm = {handler({}, None)["server connection"] for _ in range(3)}
print("server connections used:", len(warm))
assert len(warm) == 1
print("kept open between invocations:", engine.pool.checkedin())

print("2. three cold starts: each a new process that imports the module")
cold = {cold_start() for _ in range(3)}
print("server connections used:", len(cold))
# --8<-- [end:steps]
