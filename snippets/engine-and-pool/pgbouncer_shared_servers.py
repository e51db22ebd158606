"""Behind PgBouncer, server connections follow concurrent transactions, not clients."""

import atexit
import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL (to watch pg_stat_activity) and a PgBouncer in front
# of it in PGBOUNCER_URL, with pool_mode = transaction.

url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print(
        "this example needs PostgreSQL behind PgBouncer:"
        " set DATABASE_URL and PGBOUNCER_URL"
    )
    sys.exit(0)

APP = "pgbouncer_shared_servers"  # how PostgreSQL names this example's connections
engine = create_engine(
    bouncer_url, pool_size=10, connect_args={"application_name": APP}
)
postgresql = create_engine(url, poolclass=NullPool)  # straight to PostgreSQL, to watch
IN_USE = "SELECT count(*) FROM pg_stat_activity WHERE application_name = :app"


def server_connections() -> int:
    """How many of PostgreSQL's connections have served this example's clients."""
    with postgresql.connect() as conn:
        return conn.scalar(text(IN_USE), {"app": APP})


@atexit.register
def end_server_connections():
    """PostgreSQL ends the server connections this example used: the next run counts
    from zero."""
    with postgresql.connect() as conn:
        pids = conn.scalars(
            text("SELECT pid FROM pg_stat_activity WHERE application_name = :app"),
            {"app": APP},
        ).all()
        for pid in pids:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    while server_connections():
        pass


# --8<-- [start:steps]
clients = [engine.connect() for _ in range(10)]  # 10 client connections to PgBouncer
print("1. ten client connections, each running a transaction in turn")
for conn in clients:
    conn.execute(text("SELECT 1"))
    conn.commit()  # the end of the transaction: PgBouncer takes its server back
print("client connections:", engine.pool.checkedout())
count = server_connections()
print("server connections:", count)
assert count == 1

print("2. three of them inside a transaction at the same time")
for conn in clients[:3]:
    conn.execute(text("SELECT 1"))  # begins a transaction, which stays open
print("server connections:", server_connections())
for conn in clients[:3]:
    conn.commit()
count = server_connections()
print("server connections, after the three commit:", count)
assert count == 3  # PgBouncer keeps them open for the next transactions
for conn in clients:
    conn.close()
# --8<-- [end:steps]
