"""The 1.x ways to run a statement outside a transaction are gone in 2.x."""

import os

from sqlalchemy import create_engine, select
from sqlalchemy.exc import ArgumentError

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)

# --8<-- [start:steps]
print("1. engine.execute(): removed in 2.0")
try:
    engine.execute(select(1))
except AttributeError as error:
    print(f"{type(error).__name__}: {error}")

print("2. create_engine(url, future=False): only True is accepted")
try:
    create_engine(url, future=False)
except ArgumentError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:steps]
