"""A session-scoped engine fixture that disposes of its engine can drop its database."""

import atexit
import os
import sys

import pytest
from sqlalchemy import String, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install pytest. Run this file with python: it runs pytest on itself.
url = make_url(os.environ.get("DATABASE_URL", "sqlite://"))
if __name__ == "__main__" and url.get_backend_name() == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)

# The test database: one per run, on the server of DATABASE_URL, created and dropped
# through an AUTOCOMMIT connection. pytest runs in this process: same name.
TEST_DATABASE = f"test_app_{os.getpid()}"
admin = create_engine(url, isolation_level="AUTOCOMMIT")


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:steps]
@pytest.fixture(scope="session")
def engine():
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {TEST_DATABASE}"))
    engine = create_engine(url.set(database=TEST_DATABASE))
    Base.metadata.create_all(engine)
    print("    fixture: test database created")
    yield engine
    engine.dispose()  # close the pooled connections first
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {TEST_DATABASE}"))
    print("    fixture: engine disposed, test database dropped")


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


def test_add_user(session):
    session.add(User(name="ada"))
    session.commit()
    assert "ada" in session.scalars(select(User.name)).all()


def test_add_another_user(session):
    session.add(User(name="grace"))
    session.commit()
    assert "grace" in session.scalars(select(User.name)).all()


# --8<-- [end:steps]


class OneLinePerTest:
    """A pytest plugin: one line per test, instead of pytest's own report."""

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.failed:
            print(f"    {report.head_line}: {report.outcome}")
            if report.failed:
                print(report.longreprtext)


def database_exists():
    with admin.connect() as conn:
        if conn.dialect.name == "postgresql":
            query = "SELECT datname FROM pg_database WHERE datname = :name"
        else:
            query = "SHOW DATABASES LIKE :name"
        return conn.scalar(text(query), {"name": TEST_DATABASE}) is not None


def drop_whatever_happened():
    with admin.connect() as conn:
        if conn.dialect.name == "postgresql":  # ends the sessions still using it
            conn.execute(text(f"DROP DATABASE IF EXISTS {TEST_DATABASE} WITH (FORCE)"))
        else:
            conn.execute(text("SET SESSION lock_wait_timeout = 5"))
            conn.execute(text(f"DROP DATABASE IF EXISTS {TEST_DATABASE}"))


if __name__ == "__main__":
    atexit.register(drop_whatever_happened)  # also if pytest fails half-way
    print("1. pytest runs this file's tests")
    arguments = [__file__, "-s", "-c", os.devnull]  # this file, prints shown, no ini
    arguments += ["-p", "no:cacheprovider", "-p", "no:terminal"]  # no cache, no report
    exit_code = pytest.main(arguments, plugins=[OneLinePerTest()])
    print("pytest exit code:", int(exit_code))
    print("2. after pytest")
    left = database_exists()
    print("test database left:", left)
    assert not left
