"""connect_args can carry a session setting that the driver sends on every connect."""

import os
import sys

from sqlalchemy import create_engine, event, text

# Needs PostgreSQL or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
if url.startswith("sqlite"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
SHOW = {
    "postgresql": "SELECT current_setting('statement_timeout') || ' / '"
    " || current_setting('search_path')",
    "mysql": "SELECT @@max_statement_time",
}

# --8<-- [start:steps]
if url.startswith("postgresql"):  # libpq's options: -c name=value, for each setting
    options = {"options": "-c statement_timeout=500 -c search_path=app,public"}
else:  # PyMySQL runs init_command right after it connects
    options = {"init_command": "SET SESSION max_statement_time = 0.5"}
engine = create_engine(url, connect_args=options, pool_size=1, max_overflow=0)


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new DBAPI connection")


def setting():
    with engine.connect() as conn:
        value = conn.scalar(text(SHOW[engine.dialect.name]))
        conn.rollback()  # as the pool does when the connection is returned
    return str(value)


print("1. first checkout")
first = setting()
print("    setting:", first)
print("2. the next checkout, after the rollback")
print("    setting:", setting())
print("3. after invalidate(), a new connection")
with engine.connect() as conn:
    conn.invalidate()
replaced = setting()
print("    setting:", replaced)
assert replaced == first
engine.dispose()
# --8<-- [end:steps]
