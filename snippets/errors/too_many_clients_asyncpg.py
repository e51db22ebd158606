"""asyncpg's refusal is a DBAPIError, caused by TooManyConnectionsError."""

import asyncio
import os
import sys

from sqlalchemy import exc, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

# Needs PostgreSQL in DATABASE_URL, as a superuser (postgres), and asyncpg installed
url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
url = make_url(url).set(drivername="postgresql+asyncpg")


async def main():
    engine = create_async_engine(url, poolclass=NullPool)  # a new connection each time
    held = []
    try:
        # --8<-- [start:steps]
        print("1. open connections until the server refuses one (at most 1000)")
        try:
            for _ in range(1000):
                held.append(await engine.connect())
        except exc.DBAPIError as error:
            name = f"{type(error).__module__}.{type(error).__name__}"
            print(f"{name}: {str(error).splitlines()[0]}")
            cause = type(error.orig.__cause__)
            print(f"    caused by {cause.__module__}.{cause.__name__}")
            print("    an OperationalError:", isinstance(error, exc.OperationalError))
        assert cause.__name__ == "TooManyConnectionsError"
        # --8<-- [end:steps]
    finally:
        for conn in held:
            await conn.close()
        await engine.dispose()


asyncio.run(main())
