"""create_engine() picks a QueuePool, except for SQLite in memory."""

import os

from sqlalchemy import create_engine

# --8<-- [start:steps]
memory = create_engine("sqlite://")
print("sqlite:// (in memory):", type(memory.pool).__name__)
file = create_engine("sqlite:///app.db")  # connects to nothing: no file is made
print("sqlite:///app.db (a file):", type(file.pool).__name__)
print("    size:", file.pool.size(), "| timeout:", file.pool.timeout())
if "DATABASE_URL" in os.environ:
    server = create_engine(os.environ["DATABASE_URL"])
    print(f"{server.url.drivername}://...:", type(server.pool).__name__)
    print("    size:", server.pool.size(), "| timeout:", server.pool.timeout())
# --8<-- [end:steps]
