"""Switch to AUTOCOMMIT before the first statement: after it, SQLAlchemy refuses."""

import os

from sqlalchemy import create_engine, select
from sqlalchemy.exc import InvalidRequestError

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)

# --8<-- [start:steps]
with engine.connect() as conn:
    print("1. the first statement begins a transaction")
    conn.execute(select(1))
    print("in a transaction:", conn.in_transaction())

    print("2. too late to switch")
    try:
        conn.execution_options(isolation_level="AUTOCOMMIT")
    except InvalidRequestError as error:
        print(f"{type(error).__name__}: {error}")

    print("3. after commit() (or rollback()) the switch works")
    conn.commit()
    conn.execution_options(isolation_level="AUTOCOMMIT")
    print("isolation level:", conn.get_execution_options()["isolation_level"])
# --8<-- [end:steps]
