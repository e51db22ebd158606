"""Every snippets/**/*.py runs in its own process, on SQLite, PostgreSQL and MariaDB. It
must exit with 0, print exactly its expected output there (name.out, or
name.<backend>.out where it differs), and leave the database as it found it."""

import os
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from runner import examples

EXAMPLES = examples.discover()
# Each server runs every example once, in turn, one in each order
SEQUENCES = {"postgresql": "sorted", "mysql": "reversed"}
ORDERS = {"sorted": EXAMPLES, "reversed": EXAMPLES[::-1]}


def test_examples_are_found():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("example", EXAMPLES, ids=examples.display_name)
def test_example_prints_its_output_on_sqlite(example, example_servers):
    database_url, urls = example_servers(example, "sqlite")
    _, problems = examples.check(example, database_url, urls=urls)
    assert problems == [], "\n".join(problems)


@pytest.mark.longest  # run first: conftest.py
@pytest.mark.timeout(1800)
def test_every_example_in_turn_on_postgresql_and_mariadb(example_servers):
    """On each server, every example runs one after another on one database with no
    reset between them, in sorted order on PostgreSQL and in reverse order on MariaDB:
    each must print its output and leave the database empty whatever ran before it.
    The two sequences run at the same time."""
    sequences = list(SEQUENCES.items())
    stopping = threading.Event()  # set when the test is interrupted

    def run_in_turn(backend: str, order: str) -> list[str]:
        problems = []
        for example in ORDERS[order]:
            if stopping.is_set():
                break
            database_url, urls = example_servers(example, backend, instance=order)
            problems += examples.check(example, database_url, urls=urls)[1]
        return [f"[{backend}, {order}] {problem}" for problem in problems]

    with ThreadPoolExecutor(len(sequences)) as pool:
        try:
            found = list(pool.map(lambda sequence: run_in_turn(*sequence), sequences))
        except BaseException:
            stopping.set()
            raise
    problems = [problem for sequence in found for problem in sequence]
    assert problems == [], "\n".join(problems)


def test_every_example_has_its_sqlite_output():
    missing = [e for e in EXAMPLES if not e.with_suffix(".out").exists()]
    assert [examples.display_name(e) for e in missing] == []


def test_snippets_holds_only_examples_and_their_outputs():
    outputs = {out for example in EXAMPLES for out in examples.output_files(example)}
    others = [
        path.relative_to(examples.SNIPPETS).as_posix()
        for path in examples.SNIPPETS.rglob("*")
        if path.is_file() and path not in outputs and path.suffix != ".py"
    ]
    assert others == []


# The harness itself: the checks above are worth something only if these fail when
# they should.


def write_example(tmp_path, code, output=None):
    example = tmp_path / "example.py"
    example.write_text(textwrap.dedent(code))
    if output is not None:
        example.with_suffix(".out").write_text(output)
    return example


@pytest.mark.parametrize("cold", [False, True], ids=["forked", "cold"])
def test_harness_accepts_matching_output(tmp_path, cold):
    example = write_example(
        tmp_path,
        'import sys\nprint("hello", sys.argv[0].endswith("example.py"))\n',
        "hello True\n",
    )
    assert examples.problem(examples.run(example, cold=cold)) is None


def test_harness_reports_different_output_as_a_diff(tmp_path):
    example = write_example(tmp_path, 'print("goodbye")\n', "hello\n")
    message = examples.problem(examples.run(example))
    assert "output differs from example.out" in message
    assert "-hello\n+goodbye" in message


def test_harness_reports_missing_output_file(tmp_path):
    example = write_example(tmp_path, 'print("hello")\n')
    message = examples.problem(examples.run(example))
    assert "no expected output example.out" in message


def test_harness_reports_exit_code_and_traceback(tmp_path):
    example = write_example(tmp_path, 'raise ValueError("boom")\n', "")
    message = examples.problem(examples.run(example))
    assert "exit code 1" in message
    assert "ValueError: boom" in message


@pytest.mark.parametrize("cold", [False, True], ids=["forked", "cold"])
def test_harness_stops_a_hanging_example_and_names_it(tmp_path, cold):
    example = write_example(
        tmp_path, 'import time\nprint("started", flush=True)\ntime.sleep(60)\n', ""
    )
    result = examples.run(example, cold=cold, timeout=5)
    message = examples.problem(result)
    assert result.wall_seconds < 30
    assert message.startswith(f"{example}: did not finish within its time limit")
    assert "started" in message


def test_forked_example_runs_as_main_in_a_fresh_process(tmp_path):
    example = write_example(
        tmp_path,
        """\
        import os, sys
        workdir = os.path.basename(os.getcwd())
        print(__name__, workdir.startswith("example-"), os.environ.get("DATABASE_URL"))
        os.environ["LEAK"] = "1"
        """,
    )
    first = examples.run(example, database_url="sqlite:///x.db")
    second = examples.run(example)
    assert first.stdout == "__main__ True sqlite:///x.db\n"
    assert second.stdout == "__main__ True None\n"
    assert "LEAK" not in os.environ


def test_backend_specific_output_wins(tmp_path):
    example = write_example(tmp_path, 'print("x")\n', "sqlite\n")
    example.with_suffix(".postgresql.out").write_text("postgresql\n")
    assert (
        examples.expected_output_path(
            example, "postgresql+psycopg://u@h/db"
        ).read_text()
        == "postgresql\n"
    )
    assert (
        examples.expected_output_path(example, "mysql+pymysql://u@h/db").read_text()
        == "sqlite\n"
    )
    assert examples.expected_output_path(example).read_text() == "sqlite\n"


def test_async_examples_get_an_async_driver(tmp_path):
    sync_example = write_example(tmp_path, "from sqlalchemy import create_engine\n")
    async_example = tmp_path / "async_example.py"
    async_example.write_text("from sqlalchemy.ext.asyncio import create_async_engine\n")
    assert (
        examples.url_for(sync_example, "mysql+pymysql://root@h/db")
        == "mysql+pymysql://root@h/db"
    )
    assert (
        examples.url_for(async_example, "mysql+pymysql://root@h/db")
        == "mysql+aiomysql://root@h/db"
    )
    assert (
        examples.url_for(async_example, "postgresql://u@h/db")
        == "postgresql+psycopg://u@h/db"
    )
    assert (
        examples.url_for(async_example, "postgresql+asyncpg://u@h/db")
        == "postgresql+asyncpg://u@h/db"
    )
    assert examples.url_for(async_example, None) is None


@pytest.mark.parametrize("cold", [False, True], ids=["forked", "cold"])
def test_harness_stops_what_an_example_left_running(tmp_path, cold):
    example = write_example(
        tmp_path,
        """\
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        print(child.pid)
        """,
    )
    result = examples.run(example, cold=cold)
    assert result.exit_code == 0
    assert wait_until_gone(int(result.stdout))


def wait_until_gone(pid: int, seconds: float = 30) -> bool:
    """True once the process has ended (gone, or a zombie nobody has reaped yet)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except FileNotFoundError:
            return True
        if state in "ZX":
            return True
        time.sleep(0.05)
    return False


def test_harness_masks_memory_addresses(tmp_path):
    example = write_example(tmp_path, "print(object())\n", "<object object at 0x…>\n")
    assert examples.problem(examples.run(example)) is None


CREATES_A_TABLE = """\
    import os
    from sqlalchemy import create_engine, text
    with create_engine(os.environ["DATABASE_URL"]).begin() as conn:
        conn.execute(text("CREATE TABLE forgotten (id INTEGER PRIMARY KEY)"))
    print("done")
    """


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_a_table_left_behind_fails_the_example_and_is_dropped(
    tmp_path, server_for, backend
):
    database_url = server_for(backend).url
    example = write_example(tmp_path, CREATES_A_TABLE, "done\n")
    _, problems = examples.check(example, database_url)
    assert problems == [f"{example}: left in the database: table forgotten"]
    assert examples.database_objects(database_url) == []


def test_an_example_sees_only_the_servers_it_names(tmp_path):
    example = write_example(
        tmp_path,
        """\
        import os
        print(os.environ.get("REDIS_URL"), os.environ.get("PGBOUNCER_URL"))
        """,
    )
    urls = {"REDIS_URL": "redis://127.0.0.1:1/0"}
    os.environ["PGBOUNCER_URL"] = "left over from the caller"
    try:
        assert examples.run(example, urls=urls).stdout == "redis://127.0.0.1:1/0 None\n"
        cold = examples.run(example, urls=urls, cold=True)
        assert cold.stdout == "redis://127.0.0.1:1/0 None\n"
    finally:
        del os.environ["PGBOUNCER_URL"]
