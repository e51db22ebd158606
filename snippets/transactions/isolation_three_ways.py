"""The isolation level can be set per engine, per connection or per session."""

import os

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)

# --8<-- [start:steps]
with engine.connect() as conn:
    print("default level:", conn.default_isolation_level)
    driver_connection = conn.connection.dbapi_connection
    accepted = engine.dialect.get_isolation_level_values(driver_connection)
    print("accepted:", sorted(accepted))

print("1. per engine: create_engine(..., isolation_level=...)")
serializable_engine = create_engine(url, isolation_level="SERIALIZABLE")
with serializable_engine.connect() as conn:
    print("level:", conn.get_isolation_level())

print("2. per connection: execution_options() before the first statement")
with engine.connect() as conn:
    conn.execution_options(isolation_level="SERIALIZABLE")
    print("level:", conn.get_isolation_level())

print("3. per session: a sessionmaker bound to an engine copy with the option")
SerializableSession = sessionmaker(
    engine.execution_options(isolation_level="SERIALIZABLE")
)
with SerializableSession() as session:
    print("level:", session.connection().get_isolation_level())

print("4. per transaction: session.connection(execution_options=...) first")
options = {"isolation_level": "SERIALIZABLE"}
with Session(engine) as session:
    conn = session.connection(execution_options=options)
    level = conn.get_isolation_level()
    print("level:", level)
    assert level == "SERIALIZABLE"
# --8<-- [end:steps]
