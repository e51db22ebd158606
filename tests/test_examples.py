"""Every snippets/**/*.py runs in its own process, on SQLite, PostgreSQL and MariaDB, and must
print exactly its expected output there (name.out, or name.<backend>.out where it differs)."""

import os
import textwrap

import pytest

from snippets import _examples

EXAMPLES = _examples.discover()
MATRIX = [
    pytest.param(example, backend, id=f"{_examples.display_name(example)}[{backend}]")
    for example in EXAMPLES
    for backend in _examples.BACKENDS
]


def test_examples_are_found():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("example, database_url", [p.values for p in MATRIX],
                         ids=[p.id for p in MATRIX], indirect=["database_url"])
def test_example_prints_its_expected_output(example, database_url):
    result = _examples.run(example, database_url)
    message = _examples.problem(result, database_url)
    assert message is None, message


def test_every_example_has_its_sqlite_output():
    assert [_examples.display_name(e) for e in EXAMPLES if not e.with_suffix(".out").exists()] == []


def test_every_output_file_belongs_to_an_example():
    outputs = {out for example in EXAMPLES for out in _examples.output_files(example)}
    assert sorted(set(_examples.SNIPPETS.rglob("*.out")) - outputs) == []


# The harness itself: the checks above are only worth something if these fail when they should.

def write_example(tmp_path, code, output=None):
    example = tmp_path / "example.py"
    example.write_text(textwrap.dedent(code))
    if output is not None:
        example.with_suffix(".out").write_text(output)
    return example


@pytest.mark.parametrize("cold", [False, True], ids=["forked", "cold"])
def test_harness_accepts_matching_output(tmp_path, cold):
    example = write_example(tmp_path, 'import sys\nprint("hello", sys.argv[0].endswith("example.py"))\n', "hello True\n")
    assert _examples.problem(_examples.run(example, cold=cold)) is None


def test_harness_reports_different_output_as_a_diff(tmp_path):
    example = write_example(tmp_path, 'print("goodbye")\n', "hello\n")
    message = _examples.problem(_examples.run(example))
    assert "output differs from example.out" in message
    assert "-hello\n+goodbye" in message


def test_harness_reports_missing_output_file(tmp_path):
    example = write_example(tmp_path, 'print("hello")\n')
    message = _examples.problem(_examples.run(example))
    assert "no expected output example.out" in message


def test_harness_reports_exit_code_and_traceback(tmp_path):
    example = write_example(tmp_path, 'raise ValueError("boom")\n', "")
    message = _examples.problem(_examples.run(example))
    assert "exit code 1" in message and "ValueError: boom" in message


@pytest.mark.parametrize("cold", [False, True], ids=["forked", "cold"])
def test_harness_stops_a_hanging_example_and_names_it(tmp_path, cold):
    example = write_example(tmp_path, 'import time\nprint("started", flush=True)\ntime.sleep(60)\n', "")
    result = _examples.run(example, cold=cold, timeout=1)
    message = _examples.problem(result)
    assert result.wall_seconds < 10
    assert message.startswith(f"{example}: did not finish within its time limit")
    assert "started" in message


def test_forked_example_runs_as_main_in_a_fresh_process(tmp_path):
    example = write_example(tmp_path, """\
        import os, sys
        print(__name__, os.path.basename(os.getcwd()).startswith("example-"), os.environ.get("DATABASE_URL"))
        os.environ["LEAK"] = "1"
        """)
    first = _examples.run(example, database_url="sqlite:///x.db")
    second = _examples.run(example)
    assert first.stdout == "__main__ True sqlite:///x.db\n"
    assert second.stdout == "__main__ True None\n"
    assert "LEAK" not in os.environ


def test_backend_specific_output_wins(tmp_path):
    example = write_example(tmp_path, 'print("x")\n', "sqlite\n")
    example.with_suffix(".postgresql.out").write_text("postgresql\n")
    assert _examples.expected_output_path(example, "postgresql+psycopg://u@h/db").read_text() == "postgresql\n"
    assert _examples.expected_output_path(example, "mysql+pymysql://u@h/db").read_text() == "sqlite\n"
    assert _examples.expected_output_path(example).read_text() == "sqlite\n"


def test_async_examples_get_an_async_driver(tmp_path):
    sync_example = write_example(tmp_path, "from sqlalchemy import create_engine\n")
    async_example = tmp_path / "async_example.py"
    async_example.write_text("from sqlalchemy.ext.asyncio import create_async_engine\n")
    assert _examples.url_for(sync_example, "mysql+pymysql://root@h/db") == "mysql+pymysql://root@h/db"
    assert _examples.url_for(async_example, "mysql+pymysql://root@h/db") == "mysql+aiomysql://root@h/db"
    assert _examples.url_for(async_example, "postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert _examples.url_for(async_example, "postgresql+asyncpg://u@h/db") == "postgresql+asyncpg://u@h/db"
    assert _examples.url_for(async_example, None) is None
