"""`python -m runner`: readers check the examples on their own database with it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

ROOT = Path(__file__).resolve().parent.parent


def runner(*args: str, database_url: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "runner", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "database_url, message",
    [
        ("notaurl", "not a database URL"),
        ("oracle+nosuch://u@h/db", "unknown database or driver name 'oracle+nosuch'"),
        (
            "mysql+mysqldb://u@127.0.0.1/db",
            "the driver is not installed: pip install mysqlclient",
        ),
        (
            "postgresql+psycopg://u@127.0.0.1:1/db",
            "cannot connect (is the server running?)",
        ),
        ("mysql+pymysql://u@127.0.0.1:1/db", "cannot connect (is the server running?)"),
    ],
    ids=[
        "bad URL",
        "unknown dialect",
        "missing driver",
        "PostgreSQL unreachable",
        "MariaDB unreachable",
    ],
)
def test_bad_database_url_is_one_clear_line(database_url, message):
    result = runner("sessions/close_session", database_url=database_url)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"DATABASE_URL={database_url}: " + result.stderr.split(": ", 1)[1]
    )
    assert message in result.stderr and "Traceback" not in result.stderr


def test_lists_examples_with_their_backends():
    listed = {
        line.split()[0]: line.split()[1:]
        for line in runner("--list").stdout.splitlines()
    }
    assert listed["snippets/sessions/close_session.py"] == ["close_session.out"]
    assert listed["snippets/sessions/delete_table.py"] == [
        "delete_table.out",
        "delete_table.postgresql.out",
    ]
    assert len(listed) >= 55


def test_runs_on_sqlite_and_reports_progress():
    result = runner("sessions/close_session.py", "sessions/flush_order.py")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "[sqlite 1/2] ok      snippets/sessions/close_session.py",
        "[sqlite 2/2] ok      snippets/sessions/flush_order.py",
        "2 passed, 0 failed",
    ]


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_runs_against_a_server_given_by_url(server_for, backend):
    url = server_for(backend).url
    result = runner(
        "sessions/close_session.py", "connections/blocking_async", database_url=url
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "2 passed, 0 failed"


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_refuses_a_database_that_is_not_empty_and_drops_nothing(server_for, backend):
    url = server_for(backend).url
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE user_account (id INTEGER PRIMARY KEY)"))
    try:
        result = runner("sessions/close_session.py", database_url=url)
        tables = inspect(engine).get_table_names()
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE user_account"))
        engine.dispose()
    assert result.returncode == 2
    assert result.stderr == (
        f"DATABASE_URL={url}: the database is not empty (table user_account): the "
        "examples need an empty scratch database, and the runner never drops what it "
        "did not create\n"
    )
    assert tables == ["user_account"]
