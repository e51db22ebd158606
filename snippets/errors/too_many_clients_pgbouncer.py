"""Through PgBouncer, more clients than max_connections connect, on few server ones."""

import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL and a PgBouncer in front of it in PGBOUNCER_URL
# (transaction pooling, pool_mode = transaction), whose max_client_conn is above the
# server's max_connections + 10.
url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)

# A connection straight to PostgreSQL, to read its settings and count connections
admin = create_engine(url, poolclass=NullPool).connect()
admin = admin.execution_options(isolation_level="AUTOCOMMIT")


def server_connections():
    """The client connections PostgreSQL counts against max_connections."""
    query = (
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
    )
    return admin.scalar(text(query))


max_connections = int(admin.scalar(text("SHOW max_connections")))

# --8<-- [start:steps]
# The application connects to PgBouncer instead of PostgreSQL
bouncer = create_engine(bouncer_url, poolclass=NullPool)

print(
    "1. max_connections + 10 clients connect through PgBouncer, and each runs a query"
)
clients = []
for _ in range(max_connections + 10):
    conn = bouncer.connect()
    conn.scalar(text("SELECT 1"))
    conn.commit()  # the transaction ends: PgBouncer takes its server connection back
    clients.append(conn)
print(
    "    clients connected: max_connections + 10:", len(clients) == max_connections + 10
)

print("2. what PostgreSQL counts")
on_server = server_connections()
print("    server connections below max_connections:", on_server < max_connections)
assert on_server < max_connections

print("3. the clients close")
for conn in clients:
    conn.close()
# --8<-- [end:steps]
admin.close()
