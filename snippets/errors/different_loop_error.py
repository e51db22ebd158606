"""A pooled asyncpg or aiomysql connection fails in the next test's event loop."""

import asyncio
import os
import re
import sys

import pytest
from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

# Needs pytest and pytest-asyncio (pip install pytest pytest-asyncio), and PostgreSQL
# with asyncpg or MariaDB/MySQL with aiomysql in DATABASE_URL. The error is the
# driver's: psycopg and aiosqlite do not raise it (see the page).
# Run it with python: it runs pytest on itself.

url = make_url(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
if url.get_backend_name() == "postgresql":
    url = url.set(drivername="postgresql+asyncpg")
loops = []

# --8<-- [start:steps]
engine = create_async_engine(url)  # at module level, shared by every test


@event.listens_for(engine.sync_engine, "connect")
def on_connect(dbapi_connection, connection_record):
    print("    pool: new connection")


@event.listens_for(engine.sync_engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@pytest.mark.asyncio
async def test_first():
    loops.append(asyncio.get_running_loop())
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


@pytest.mark.asyncio
async def test_second():
    loops.append(asyncio.get_running_loop())
    print("    same event loop as test_first:", loops[0] is loops[1])
    async with engine.connect() as conn:  # the connection test_first pooled
        await conn.execute(text("SELECT 1"))


@pytest.mark.asyncio
async def test_third():
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


# --8<-- [end:steps]


class PrintOutcomes:
    """Print each test's name and outcome in place of pytest's own report."""

    number = 0
    messages = {}

    def pytest_runtest_logstart(self, nodeid, location):
        self.number += 1
        self.failed = False
        print(f"{self.number}. {nodeid.split('::')[-1]}")

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed = True
            message = report.longrepr.reprcrash.message.splitlines()[0]
            message = re.sub(r" at \S+?:\d+", " at …", message)  # no file paths
            self.messages[report.head_line] = message
            print(f"    failed in {report.when}:", message)
        elif report.when == "teardown" and not self.failed:
            print("    passed")


if __name__ == "__main__":
    if url.get_backend_name() == "sqlite":
        print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
        sys.exit(0)
    sys.dont_write_bytecode = True  # no __pycache__ next to this file
    # -c os.devnull: no pytest.ini or conftest.py of a project around this file
    options = ["-c", os.devnull, "--noconftest", "-p", "no:cacheprovider"]
    options += ["-s", "-p", "no:terminal"]  # only our prints
    options += ["-o", "asyncio_default_fixture_loop_scope=function"]
    outcomes = PrintOutcomes()
    pytest.main([__file__, *options], plugins=[outcomes])
    assert "attached to a different loop" in outcomes.messages["test_second"]
