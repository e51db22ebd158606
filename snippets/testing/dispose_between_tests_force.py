"""DROP DATABASE ... WITH (FORCE) ends the pooled connections; they fail on next use."""

import atexit
import os
import sys
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

url = make_url(os.environ.get("DATABASE_URL", "sqlite://"))
if url.get_backend_name() != "postgresql":
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)

# A scratch database on the server of DATABASE_URL, with a name of its own
admin = create_engine(url, isolation_level="AUTOCOMMIT")
name = f"scratch_{uuid.uuid4().hex[:8]}"
with admin.connect() as conn:
    conn.execute(text(f"CREATE DATABASE {name}"))


@atexit.register
def drop_whatever_happened():
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


# --8<-- [start:steps]
engine = create_engine(url.set(database=name))
print("1. a test uses the engine; the pool keeps the connection")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
print("connections in the pool:", engine.pool.checkedin())

print("2. DROP DATABASE ... WITH (FORCE), PostgreSQL 13 and later")
with admin.connect() as conn:
    conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
print("dropped")

print("3. the engine, used again")
try:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
except OperationalError as error:
    print("error:", type(error.orig).__name__)
    print("    " + str(error.orig))
    assert error.orig.sqlstate == "57P01"  # admin_shutdown
engine.dispose()
# --8<-- [end:steps]
