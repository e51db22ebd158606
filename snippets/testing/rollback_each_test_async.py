"""An AsyncSession joined to the test's transaction with create_savepoint undoes it."""

import os
import sys

import pytest
import pytest_asyncio
from sqlalchemy import String, event, func, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Needs pytest and pytest-asyncio (pip install pytest pytest-asyncio), and an asyncio
# driver in DATABASE_URL (postgresql+psycopg://..., mysql+aiomysql://...).
# Run it with python: it runs pytest on itself.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite+aiosqlite://")


async def register(session: AsyncSession, name: str) -> None:
    """The code under test: it commits, as application code does."""
    session.add(User(name=name))
    print(f"    register({name!r}): commit()")
    await session.commit()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def engine():
    engine = create_async_engine(url)
    if engine.dialect.name == "sqlite":  # see the SQLite note on the page

        @event.listens_for(engine.sync_engine, "connect")
        def no_driver_begin(dbapi_connection, connection_record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine.sync_engine, "begin")
        def send_begin(conn):
            conn.exec_driver_sql("BEGIN")

    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield engine
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
    await engine.dispose()


def print_transaction_sql(connection):
    """Print each BEGIN, SAVEPOINT, RELEASE and ROLLBACK this connection sends."""
    for name, sql in [
        ("begin", "BEGIN"),
        ("savepoint", "SAVEPOINT"),
        ("release_savepoint", "RELEASE SAVEPOINT"),
        ("rollback_savepoint", "ROLLBACK TO SAVEPOINT"),
        ("commit", "COMMIT"),
        ("rollback", "ROLLBACK"),
    ]:
        event.listen(
            connection.sync_connection, name, lambda *args, s=sql: print("    SQL:", s)
        )


# --8<-- [start:steps]
@pytest_asyncio.fixture(loop_scope="session")  # the engine's event loop
async def session(engine):
    async with engine.connect() as connection:
        print_transaction_sql(connection)
        transaction = await connection.begin()  # the test's own transaction
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint"
        )
        yield session
        await session.close()
        await transaction.rollback()  # undoes everything the test committed


@pytest.mark.asyncio(loop_scope="session")
async def test_register_commits(session):
    await register(session, "ada")
    await register(session, "grace")
    names = (await session.scalars(select(User.name).order_by(User.name))).all()
    print("    names:", names)


@pytest.mark.asyncio(loop_scope="session")
async def test_the_next_test_starts_empty(session):
    users = await session.scalar(select(func.count()).select_from(User))
    print("    users:", users)
    assert users == 0  # ada and grace, committed by the test before, are gone


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
