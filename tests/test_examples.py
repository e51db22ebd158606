"""Every snippets/**/*.py runs in its own process and must print exactly its .out file."""

import os
import textwrap

import pytest

from snippets import _examples

EXAMPLES = _examples.discover()
DATABASE_URL = os.environ.get("DATABASE_URL")


def test_examples_are_found():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("example", EXAMPLES, ids=_examples.display_name)
def test_example_prints_its_expected_output(example):
    result = _examples.run(example, DATABASE_URL)
    message = _examples.problem(result, DATABASE_URL)
    assert message is None, message


def test_every_output_file_belongs_to_an_example():
    examples = {path.with_suffix("") for path in EXAMPLES}
    orphans = [
        out for out in _examples.SNIPPETS.rglob("*.out")
        if out.with_suffix("").with_suffix("") not in examples and out.with_suffix("") not in examples
    ]
    assert orphans == []


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
        print(__name__, os.path.basename(os.getcwd()).startswith("example-"), "DATABASE_URL" in os.environ)
        os.environ["LEAK"] = "1"
        """)
    first = _examples.run(example, database_url="sqlite:///x.db")
    second = _examples.run(example)
    assert first.stdout == "__main__ True True\n"
    assert second.stdout == "__main__ True False\n"
    assert "LEAK" not in os.environ


def test_backend_specific_output_wins(tmp_path):
    example = write_example(tmp_path, 'print("x")\n', "sqlite\n")
    example.with_suffix(".postgresql.out").write_text("postgresql\n")
    assert _examples.expected_output_path(example, "postgresql+psycopg://u@h/db").read_text() == "postgresql\n"
    assert _examples.expected_output_path(example, "mysql+pymysql://u@h/db").read_text() == "sqlite\n"
    assert _examples.expected_output_path(example).read_text() == "sqlite\n"
