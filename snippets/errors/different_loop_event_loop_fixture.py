"""pytest-asyncio 1.x ignores an event_loop fixture: each test gets its own loop."""

import asyncio
import os
import sys

import pytest

# Needs pytest and pytest-asyncio (pip install pytest pytest-asyncio).
# Run it with python: it runs pytest on itself.

loops = []


# --8<-- [start:steps]
@pytest.fixture(scope="session")
def event_loop():  # the old fix: one loop for the session
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.mark.asyncio
async def test_first():
    loops.append(asyncio.get_running_loop())


@pytest.mark.asyncio
async def test_second():
    loops.append(asyncio.get_running_loop())
    print("    same event loop as test_first:", loops[0] is loops[1])
    assert loops[0] is not loops[1]  # the event_loop fixture was never used


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
