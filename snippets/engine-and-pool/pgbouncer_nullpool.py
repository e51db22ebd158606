"""NullPool behind PgBouncer: a new client connection per checkout, no new server."""

import os
import sys
from collections import Counter

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL and a PgBouncer in front of it in PGBOUNCER_URL,
# with pool_mode = transaction.

url = os.environ.get("DATABASE_URL", "sqlite://")
bouncer_url = os.environ.get("PGBOUNCER_URL")
if not url.startswith("postgresql") or not bouncer_url:
    print(
        "this example needs PostgreSQL behind PgBouncer:"
        " set DATABASE_URL and PGBOUNCER_URL"
    )
    sys.exit(0)

direct = create_engine(url, poolclass=NullPool)  # straight to PostgreSQL
bounced = create_engine(bouncer_url, poolclass=NullPool)  # through PgBouncer
opened = Counter()  # connections each engine opened
for engine in (direct, bounced):
    event.listen(engine, "connect", lambda *args, e=engine: opened.update([e]))


def five_checkouts(engine) -> set[int]:
    """Check out five times, one after the other; the PostgreSQL process of each."""
    processes = set()
    for _ in range(5):
        with engine.connect() as conn:  # NullPool: opens a connection, closes it after
            processes.add(conn.scalar(text("SELECT pg_backend_pid()")))
    return processes


# --8<-- [start:steps]
print("1. NullPool straight to PostgreSQL: five checkouts")
processes = five_checkouts(direct)
print("connections opened:", opened[direct])
print("PostgreSQL server processes:", len(processes))

print("2. NullPool through PgBouncer: five checkouts")
processes = five_checkouts(bounced)
print("connections opened:", opened[bounced])  # to PgBouncer
print("PostgreSQL server processes:", len(processes))
assert len(processes) == 1  # PgBouncer kept its server connection between clients
# --8<-- [end:steps]
