"""A statement over the time limit fails, and its connection stays usable."""

import os
import sys

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError

# Needs PostgreSQL or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
if url.startswith("postgresql"):
    options = {"options": "-c statement_timeout=500"}  # milliseconds
    SLOW = "SELECT pg_sleep(5)"  # far longer than the limit
else:
    options = {"init_command": "SET SESSION max_statement_time = 0.5"}  # seconds
    SLOW = "SELECT SLEEP(5)"
engine = create_engine(url, connect_args=options)


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new DBAPI connection")


def driver_message(error):
    """The driver's exception: its class and message, or PyMySQL's code and text."""
    if engine.dialect.name == "mysql":
        code, message = error.orig.args
        return f"{code} {message}"
    return f"{type(error.orig).__name__}: {error.orig}"


# --8<-- [start:steps]
print("1. a statement that runs longer than the limit")
with engine.connect() as conn:
    dbapi_connection = conn.connection.dbapi_connection
    try:
        conn.execute(text(SLOW))
    except DBAPIError as error:
        invalidated = error.connection_invalidated
        print(f"    {type(error).__name__}, connection_invalidated={invalidated}")
        print("    driver:", driver_message(error))

    print("2. the same transaction, before rollback()")
    try:
        print("    SELECT 1 ->", conn.scalar(text("SELECT 1")))
    except DBAPIError as error:
        print(f"    {type(error).__name__}")
        print("    driver:", driver_message(error))

    print("3. rollback(), then the same connection again")
    conn.rollback()
    print("    SELECT 1 ->", conn.scalar(text("SELECT 1")))
    same = conn.connection.dbapi_connection is dbapi_connection
    print("    same connection:", same)
    assert same
engine.dispose()
# --8<-- [end:steps]
