"""sessionmaker(autocommit=True) is accepted; the first Session() it builds refuses."""

import os

from sqlalchemy import create_engine
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))

# --8<-- [start:steps]
print("1. the factory, as 1.x code built it")
Session = scoped_session(sessionmaker(engine, autocommit=True))
print("scoped_session(sessionmaker(engine, autocommit=True)): no error")

print("2. the first session it builds")
try:
    Session()
except ArgumentError as error:
    print("Session():", type(error).__name__ + ":", error)
# --8<-- [end:steps]
