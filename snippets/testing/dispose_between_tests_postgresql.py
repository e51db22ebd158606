"""PostgreSQL refuses DROP DATABASE while an engine's pool holds a connection to it."""

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

# A scratch database on the server of DATABASE_URL, with a name of its own, created and
# dropped through an AUTOCOMMIT connection (CREATE and DROP DATABASE refuse to run
# inside a transaction).
admin = create_engine(url, isolation_level="AUTOCOMMIT")
suffix = uuid.uuid4().hex[:8]
name = f"scratch_{suffix}"
with admin.connect() as conn:
    conn.execute(text(f"CREATE DATABASE {name}"))


@atexit.register
def drop_whatever_happened():  # WITH (FORCE) ends the sessions still using it
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def drop_database():
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name}"))


# --8<-- [start:steps]
engine = create_engine(url.set(database=name))
print("1. a test uses the engine; the pool keeps the connection")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
print("connections in the pool:", engine.pool.checkedin())

print("2. DROP DATABASE")
try:
    drop_database()
except OperationalError as error:
    print("error:", type(error.orig).__name__)
    for line in str(error.orig).splitlines():  # the random suffix shown as …
        print("    " + line.replace(suffix, "…"))
    assert error.orig.sqlstate == "55006"  # object_in_use

print("3. engine.dispose(), then DROP DATABASE")
engine.dispose()
print("connections in the pool:", engine.pool.checkedin())
drop_database()
print("dropped")
# --8<-- [end:steps]
