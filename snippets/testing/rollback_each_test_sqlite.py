"""On SQLite, unless SQLAlchemy sends BEGIN, each commit() in a test is permanent."""

import os
import sys

import pytest
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs pytest (pip install pytest). Run it with python: it runs pytest on itself.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")


def register(session: Session, name: str) -> None:
    """The code under test: it commits, as application code does."""
    session.add(User(name=name))
    print(f"    register({name!r}): commit()")
    session.commit()


@pytest.fixture
def session(engine):
    with engine.connect() as connection:
        transaction = connection.begin()  # the test's own transaction
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        transaction.rollback()  # undoes everything the test committed


# --8<-- [start:steps]
@pytest.fixture(scope="session")
def engine():
    engine = create_engine(url)  # on SQLite: without the BEGIN recipe
    Base.metadata.create_all(engine)
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


def test_register_commits(session):
    register(session, "ada")
    register(session, "grace")
    names = session.scalars(select(User.name).order_by(User.name)).all()
    print("    names:", names)


def test_the_next_test(session):
    names = session.scalars(select(User.name).order_by(User.name)).all()
    print("    names:", names)
    on_sqlite = session.bind.dialect.name == "sqlite"
    assert names == (["ada", "grace"] if on_sqlite else [])  # SQLite kept them


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
    options += ["-s", "-p", "no:terminal", "-p", "no:asyncio"]  # only our prints
    sys.exit(pytest.main([__file__, *options], plugins=[PrintOutcomes()]))
