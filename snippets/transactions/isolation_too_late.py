"""Once a transaction has begun, a new level raises, or in a Session is ignored."""

import os
import warnings

from sqlalchemy import create_engine, text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
warnings.simplefilter("always")  # show each warning, every time
warnings.showwarning = lambda message, category, *args: print(
    f"    {category.__name__}: {message}"
)

# --8<-- [start:steps]
print("1. Connection: a statement first, then execution_options()")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))  # autobegin: the transaction has started
    try:
        conn.execution_options(isolation_level="READ UNCOMMITTED")
    except InvalidRequestError as error:
        print(type(error).__name__ + ":", error)
    conn.commit()
    conn.execution_options(isolation_level="READ UNCOMMITTED")  # no transaction now
    print("after commit():", conn.get_isolation_level())

print("2. Session: a query first, then connection(execution_options=...)")
options = {"isolation_level": "READ UNCOMMITTED"}
with Session(engine) as session:
    session.execute(text("SELECT 1"))
    conn = session.connection(execution_options=options)
    level = conn.get_isolation_level()
    print("level:", level, "default:", conn.default_isolation_level)
    assert level == conn.default_isolation_level  # the option was ignored
    session.commit()  # the next transaction may set it
    conn = session.connection(execution_options=options)
    print("after commit():", conn.get_isolation_level())
# --8<-- [end:steps]
