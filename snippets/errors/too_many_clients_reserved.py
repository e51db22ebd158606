"""A role that is not a superuser is refused while only the reserved slots are free."""

import atexit
import os
import sys
import time

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL, as a superuser (postgres): the example creates a
# login role for the application, and drops it when it ends.
url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)

ROLE, PASSWORD = "too_many_clients_app", "app-password"
superuser = create_engine(url, poolclass=NullPool)
with superuser.connect() as conn:
    conn.execute(text(f"DROP ROLE IF EXISTS {ROLE}"))
    conn.execute(text(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'"))
    conn.commit()


def drop_role():
    with create_engine(url, poolclass=NullPool).connect() as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {ROLE}"))
        conn.commit()


atexit.register(drop_role)  # also when the example fails half-way
app = create_engine(
    make_url(url).set(username=ROLE, password=PASSWORD), poolclass=NullPool
)
admin = superuser.connect().execution_options(isolation_level="AUTOCOMMIT")


def setting(name):
    return int(admin.scalar(text("SELECT current_setting(:name)::int"), {"name": name}))


def open_connections():
    """The client connections the server counts against max_connections."""
    query = (
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
    )
    return admin.scalar(text(query))


def connections_of_role(expected):
    """Poll (up to 30 s) until the server lists that many connections of the role: a
    closed connection leaves the list a moment later."""
    query = text("SELECT count(*) FROM pg_stat_activity WHERE usename = :role")
    deadline = time.monotonic() + 30
    while True:
        count = admin.scalar(query, {"role": ROLE})
        if count == expected or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def server_words(error):
    """The driver's message from the server's words on (psycopg puts the host and
    port first)."""
    message = str(error.orig)
    return message[message.find("FATAL:") :]


def compared_to(limit, count):
    """'max_connections', 'max_connections - 3', ..."""
    difference = count - limit
    if not difference:
        return "max_connections"
    return f"max_connections {'+' if difference > 0 else '-'} {abs(difference)}"


max_connections = setting("max_connections")

# --8<-- [start:steps]
print("1. the application's role opens connections until it is refused")
held = []
try:
    for _ in range(1000):
        held.append(app.connect())
except exc.OperationalError as error:
    print("   ", server_words(error))
open_when_refused = open_connections()
print("    open when refused:", compared_to(max_connections, open_when_refused))
reserved = setting("superuser_reserved_connections")
print("    that is max_connections - superuser_reserved_connections:", end=" ")
print(open_when_refused == max_connections - reserved)
assert open_when_refused == max_connections - reserved

print("2. a superuser still gets in, to look and to fix")
with superuser.connect() as conn:
    print("    SELECT 1 ->", conn.scalar(text("SELECT 1")))

print("3. the application closes its connections")
for conn in held:
    conn.close()
print("    connections of the role left:", connections_of_role(expected=0))
# --8<-- [end:steps]
admin.close()
