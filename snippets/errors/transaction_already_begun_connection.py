"""Connection.begin() after a statement raises; the connection has already begun."""

import os

from sqlalchemy import create_engine, text
from sqlalchemy.exc import InvalidRequestError

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)

# --8<-- [start:steps]
print("1. a statement, then conn.begin()")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))  # autobegin, as with a Session
    print("in a transaction:", conn.in_transaction())
    try:
        conn.begin()
    except InvalidRequestError as error:
        print(f"{type(error).__name__}: {error}")
        assert "already initialized a SQLAlchemy Transaction()" in str(error)

print("2. commit() first, then begin()")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
    conn.commit()  # the autobegun transaction ends
    with conn.begin():  # commits at the end of the block
        print("in a transaction:", conn.in_transaction())

print("3. or begin before the first statement: engine.begin()")
with engine.begin() as conn:  # connect() and begin() in one
    conn.execute(text("SELECT 1"))
    print("in a transaction:", conn.in_transaction())
# --8<-- [end:steps]
