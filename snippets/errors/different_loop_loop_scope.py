"""An engine fixture and tests that share the session's event loop share its pool."""

import asyncio
import os
import sys

import pytest
import pytest_asyncio
from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

# Needs pytest and pytest-asyncio (pip install pytest pytest-asyncio). On PostgreSQL
# it uses asyncpg, which raises the error without the fix.
# Run it with python: it runs pytest on itself.

url = make_url(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
if url.get_backend_name() == "postgresql":
    url = url.set(drivername="postgresql+asyncpg")
loops = []


def print_pool_events(engine):
    event.listen(
        engine.sync_engine, "connect", lambda *args: print("    pool: new connection")
    )
    event.listen(
        engine.sync_engine,
        "checkout",
        lambda *args: print("    pool: connection checked out"),
    )


# --8<-- [start:steps]
@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def engine():
    engine = create_async_engine(url)
    print_pool_events(engine)
    yield engine
    await engine.dispose()  # in the loop its connections belong to


@pytest.mark.asyncio(loop_scope="session")
async def test_first(engine):
    loops.append(asyncio.get_running_loop())
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


@pytest.mark.asyncio(loop_scope="session")
async def test_second(engine):
    loops.append(asyncio.get_running_loop())
    print("    same event loop as test_first:", loops[0] is loops[1])
    assert loops[0] is loops[1]
    async with engine.connect() as conn:  # the connection test_first pooled
        await conn.execute(text("SELECT 1"))


# --8<-- [end:steps]


class PrintOutcomes:
    """Print each test's name and outcome in place of pytest's own report."""

    number = 0

    def pytest_runtest_logstart(self, nodeid, location):
        self.number += 1
        self.failed = False
        print(f"{self.number}. {nodeid.split('::')[-1]}")

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed = True
            print(f"    failed in {report.when}:", report.longrepr.reprcrash.message)
        elif report.when == "teardown" and not self.failed:
            print("    passed")


if __name__ == "__main__":
    sys.dont_write_bytecode = True  # no __pycache__ next to this file
    # -c os.devnull: no pytest.ini or conftest.py of a project around this file
    options = ["-c", os.devnull, "--noconftest", "-p", "no:cacheprovider"]
    options += ["-s", "-p", "no:terminal"]  # only our prints
    options += ["-o", "asyncio_default_fixture_loop_scope=function"]
    sys.exit(pytest.main([__file__, *options], plugins=[PrintOutcomes()]))
