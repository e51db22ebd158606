"""PostgreSQL takes a new max_connections only at restart; MariaDB takes it at once."""

import atexit
import os
import sys

from sqlalchemy import create_engine, exc, text
from sqlalchemy.pool import NullPool

# Needs PostgreSQL or MariaDB in DATABASE_URL, as a user allowed to change server
# settings (postgres, root). On MariaDB the example puts the limit back when it ends.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)

engine = create_engine(url, poolclass=NullPool)  # each connect() is a new connection
if engine.dialect.name == "mysql":
    with engine.connect() as conn:
        limit_before = conn.scalar(text("SELECT @@max_connections"))

    def put_the_limit_back():
        with create_engine(url, poolclass=NullPool).connect() as conn:
            conn.execute(text(f"SET GLOBAL max_connections = {limit_before}"))

    atexit.register(put_the_limit_back)  # also when the example fails half-way
held = []

# --8<-- [start:steps]
if engine.dialect.name == "postgresql":
    print("1. PostgreSQL: can a running server take a new max_connections?")
    with engine.connect() as conn:
        query = "SELECT context FROM pg_settings WHERE name = 'max_connections'"
        context = conn.scalar(text(query))
        print("    pg_settings.context:", context)  # postmaster: read at start only
        try:
            conn.execute(text("SET max_connections = 200"))
        except exc.OperationalError as error:
            print("   ", error.orig)
    assert context == "postmaster"
else:
    print("1. MariaDB: open connections until one is refused (at most 1000)")
    try:
        for _ in range(1000):
            held.append(engine.connect())
    except exc.OperationalError as error:
        print("   ", error.orig)
    print("2. SET GLOBAL max_connections, on the running server")
    with held[0].begin():  # no new connection is possible: use one of them
        held[0].execute(text("SET GLOBAL max_connections = @@max_connections + 10"))
    with engine.connect() as conn:
        accepted = conn.scalar(text("SELECT 1")) == 1
    print("    the next connect() is accepted:", accepted)
    assert accepted
# --8<-- [end:steps]
for conn in held:
    conn.close()
