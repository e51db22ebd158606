"""With create_savepoint, an error and rollback() in the code undo only a savepoint."""

import os
import sys

import pytest
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs pytest (pip install pytest). Run it with python: it runs pytest on itself.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")


@pytest.fixture(scope="session")
def engine():
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":  # see the SQLite note on the page

        @event.listens_for(engine, "connect")
        def no_driver_begin(dbapi_connection, connection_record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def send_begin(conn):
            conn.exec_driver_sql("BEGIN")

    Base.metadata.create_all(engine)
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


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
        event.listen(connection, name, lambda *args, sql=sql: print("    SQL:", sql))


@pytest.fixture
def session(engine):
    with engine.connect() as connection:
        print_transaction_sql(connection)
        transaction = connection.begin()  # the test's own transaction
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        transaction.rollback()  # undoes everything the test committed


# --8<-- [start:steps]
def register(session: Session, name: str) -> None:
    """The code under test: it commits, and rolls back if the name is taken."""
    session.add(User(name=name))
    print(f"    register({name!r}): commit()")
    try:
        session.commit()
    except IntegrityError:
        print(f"    register({name!r}): IntegrityError, rollback()")
        session.rollback()


def test_a_taken_name(session):
    register(session, "ada")
    register(session, "ada")  # taken: the code catches the error, rolls back
    register(session, "linus")
    names = session.scalars(select(User.name).order_by(User.name)).all()
    print("    names:", names)
    assert names == ["ada", "linus"]  # ada survived the error and the rollback()


def test_the_next_test_starts_empty(session):
    users = session.scalar(select(func.count()).select_from(User))
    print("    users:", users)


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
