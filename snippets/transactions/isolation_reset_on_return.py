"""A level set with execution_options() is reset when the connection is returned."""

import os

from sqlalchemy import create_engine

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)

# --8<-- [start:steps]
print("1. READ UNCOMMITTED on one connection, then close() it")
with engine.connect() as conn:
    first = conn.connection.dbapi_connection
    conn.execution_options(isolation_level="READ UNCOMMITTED")
    print("level:", conn.get_isolation_level())

print("2. the next connect() gets the same DBAPI connection from the pool")
with engine.connect() as conn:
    print("same connection:", conn.connection.dbapi_connection is first)
    level = conn.get_isolation_level()
    print("level:", level)
    assert level == conn.default_isolation_level  # reset when it was returned
# --8<-- [end:steps]
