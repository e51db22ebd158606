"""Find the examples under snippets/, run them, and check what they did.

An example passes when it exits with 0, prints exactly its expected output, and leaves
the database as it found it. Each example runs in a process of its own. By default that
process is forked from a server process that has already imported SQLAlchemy
(forkserver.py), which removes the ~0.3 s import from every run; `cold=True` starts a
fresh `python example.py` instead, exactly as a reader would.
"""

import atexit
import difflib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
TIMEOUT_SECONDS = 180  # generous: some examples start real servers on a busy machine


def discover(root: Path = SNIPPETS) -> list[Path]:
    """Every example file: snippets/<topic>/<name>.py."""
    return sorted(root.rglob("*.py"))


BACKENDS = ("sqlite", "postgresql", "mysql")
# The other servers an example may use, by the environment variable that gives their
# address. The runner sets each one only for the examples that name it.
COMPONENTS = {"REDIS_URL": "redis", "PGBOUNCER_URL": "pgbouncer"}
ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "psycopg", "mysql": "aiomysql"}
KNOWN_ASYNC_DRIVERS = {
    "aiosqlite",
    "asyncpg",
    "psycopg",
    "psycopg_async",
    "aiomysql",
    "asyncmy",
}


def backend_name(database_url: str | None) -> str:
    """'sqlite', 'postgresql' or 'mysql' from a URL such as postgresql+psycopg://..."""
    if not database_url:
        return "sqlite"
    dialect = urlsplit(database_url).scheme.split("+")[0]
    return "mysql" if dialect == "mariadb" else dialect


def components(example: Path) -> list[str]:
    """The servers besides the database that an example needs, e.g. ["redis"]."""
    text = example.read_text()
    return [server for variable, server in COMPONENTS.items() if variable in text]


def is_async(example: Path) -> bool:
    return "create_async_engine" in example.read_text()


def url_for(example: Path, database_url: str | None) -> str | None:
    """The URL to give an example: asyncio examples need an asyncio driver."""
    if not database_url or not is_async(example):
        return database_url
    scheme, rest = database_url.split("://", 1)
    dialect, _, driver = scheme.partition("+")
    if driver in KNOWN_ASYNC_DRIVERS:
        return database_url
    return f"{dialect}+{ASYNC_DRIVERS[backend_name(database_url)]}://{rest}"


def output_files(example: Path) -> list[Path]:
    """name.out (every backend) and name.<backend>.out (where a backend differs)."""
    candidates = [example.with_suffix(".out")]
    candidates += [example.with_suffix(f".{backend}.out") for backend in BACKENDS]
    return [path for path in candidates if path.exists()]


def expected_output_path(example: Path, database_url: str | None = None) -> Path:
    """name.<backend>.out where a backend prints something else, otherwise name.out."""
    specific = example.with_suffix(f".{backend_name(database_url)}.out")
    return specific if specific.exists() else example.with_suffix(".out")


def write_expected_output(
    example: Path, stdout: str, database_url: str | None = None
) -> Path:
    """Store what the example printed. SQLite's output is name.out; another backend
    gets name.<backend>.out only where it prints something different."""
    default = example.with_suffix(".out")
    backend = backend_name(database_url)
    target = example.with_suffix(f".{backend}.out")
    if backend == "sqlite":
        target = default
    elif default.exists() and default.read_text() == stdout:
        target.unlink(missing_ok=True)
        return default
    target.write_text(stdout)
    return target


# The one rule by which printed output may differ from the expected output: a memory
# address, which changes from run to run, is compared as "0x…". Pages that show such
# output say so (tests/test_pages.py checks).
ADDRESS = re.compile(r"\b0x[0-9a-f]{6,}\b")
MASKED_ADDRESS = "0x…"


def mask(stdout: str) -> str:
    return ADDRESS.sub(MASKED_ADDRESS, stdout)


@dataclass
class Run:
    example: Path
    stdout: str  # as printed, with memory addresses masked
    stderr: str
    exit_code: int | None  # None when the example was stopped after the timeout
    wall_seconds: float  # measured by the caller: process start to finish
    own_seconds: float | None  # measured inside the process: the example's code alone


class _ForkServer:
    """The client side of forkserver.py: one server process per thread."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("forkserver.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        atexit.register(self.stop)

    def stop(self) -> None:
        self.process.stdin.close()  # the server ends when its stdin does
        self.process.wait(timeout=TIMEOUT_SECONDS)
        self.process.stdout.close()

    def run(self, example: Path, workdir: str, environment: dict, timeout):
        request = {
            "example": str(example),
            "workdir": workdir,
            "environment": environment,
            "timeout": timeout,
        }
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            code = self.process.wait()
            raise RuntimeError(f"the fork server stopped (exit code {code})")
        return json.loads(answer)["exit_code"]


_this_thread = threading.local()


def _fork_server() -> _ForkServer:
    if getattr(_this_thread, "fork_server", None) is None:
        _this_thread.fork_server = _ForkServer()
    return _this_thread.fork_server


def run(
    example: Path,
    database_url: str | None = None,
    cold: bool = False,
    timeout: float = TIMEOUT_SECONDS,
    urls: dict[str, str] | None = None,
) -> Run:
    """Run one example. `urls` gives the addresses of other servers, by their
    environment variable (REDIS_URL=...); the example sees only those it names."""
    environment = {variable: None for variable in COMPONENTS}
    environment.update((urls or {}).items())
    environment["DATABASE_URL"] = url_for(example, database_url)
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        start = time.perf_counter()
        if cold:
            exit_code = _run_cold(example, workdir, environment, timeout)
        else:
            exit_code = _fork_server().run(example, workdir, environment, timeout)
        wall = time.perf_counter() - start
        files = Path(workdir)
        own = files / "own_seconds"
        return Run(
            example=example,
            stdout=mask(_read(files / "stdout")),
            stderr=_read(files / "stderr"),
            exit_code=exit_code,
            wall_seconds=wall,
            own_seconds=float(own.read_text()) if own.exists() else None,
        )


def _read(path: Path) -> str:
    return path.read_text(errors="replace") if path.exists() else ""


def _run_cold(example, workdir, environment, timeout) -> int | None:
    env = {k: v for k, v in os.environ.items() if k not in environment}
    env.update((name, value) for name, value in environment.items() if value)
    env["PYTHONIOENCODING"] = "utf-8"
    with (
        open(Path(workdir, "stdout"), "wb") as out,
        open(Path(workdir, "stderr"), "wb") as err,
    ):
        # A session of its own, so that what the example starts is stopped with it
        process = subprocess.Popen(
            [sys.executable, str(example)],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            kill_process_group(process.pid)
            process.wait()


def kill_process_group(pid: int) -> None:
    """Stop an example and every process it started and left running."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def problem(result: Run, database_url: str | None = None) -> str | None:
    """What is wrong with one run, in words that name the example; None if nothing."""
    name = display_name(result.example)
    if result.exit_code is None:
        return (
            f"{name}: did not finish within its time limit and was stopped\n"
            f"{result.stdout}"
        )
    if result.exit_code != 0:
        return f"{name}: exit code {result.exit_code}\n{result.stderr}"
    expected_path = expected_output_path(result.example, database_url)
    if not expected_path.exists():
        return (
            f"{name}: no expected output {expected_path.name} for "
            f"{backend_name(database_url)}; run `make outputs` and review it"
        )
    expected = expected_path.read_text()
    if result.stdout != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            result.stdout.splitlines(keepends=True),
            fromfile=f"{expected_path.name} (expected)",
            tofile=f"{name} (printed now)",
        )
        return f"{name}: output differs from {expected_path.name}\n{''.join(diff)}"
    return None


def check(
    example: Path,
    database_url: str | None = None,
    cold: bool = False,
    update: bool = False,
    urls: dict[str, str] | None = None,
) -> tuple[Run, list[str]]:
    """Run one example and return the run and what is wrong with it.

    With update=True, what it printed becomes its expected output (if it exited with 0).
    What the example left in the database is reported, then dropped, so that it does
    not take the next example down with it. The database was empty before the example
    ran, so whatever is left is the example's own."""
    result = run(example, database_url, cold=cold, urls=urls)
    if update and result.exit_code == 0:
        write_expected_output(example, result.stdout, database_url)
    problems = [message] if (message := problem(result, database_url)) else []
    left = database_objects(database_url)
    if left:
        problems.append(
            f"{display_name(example)}: left in the database: {', '.join(left)}"
        )
        drop_objects(database_url, left)
    return result, problems


# What an example may leave behind: tables and views, and on PostgreSQL sequences,
# types and schemas. An in-memory SQLite database is gone with the example's process.

SYSTEM_SCHEMAS = ("public", "information_schema")


def database_objects(database_url: str | None) -> list[str]:
    """What the database holds, as 'table name', 'view name', ... (sorted)."""
    if backend_name(database_url) == "sqlite":
        return []
    from sqlalchemy import inspect

    with _engine(database_url).connect() as conn:
        inspector = inspect(conn)
        found = [f"table {name}" for name in inspector.get_table_names()]
        found += [f"view {name}" for name in inspector.get_view_names()]
        if conn.dialect.name == "postgresql":
            found += [f"sequence {name}" for name in inspector.get_sequence_names()]
            found += [f"type {enum['name']}" for enum in inspector.get_enums()]
            found += [
                f"schema {name}"
                for name in inspector.get_schema_names()
                if name not in SYSTEM_SCHEMAS and not name.startswith("pg_")
            ]
    return sorted(found)


def drop_objects(database_url: str, objects: list[str]) -> None:
    """Drop what database_objects() listed, whatever depends on what."""
    from sqlalchemy import text

    engine = _engine(database_url)
    quote = engine.dialect.identifier_preparer.quote
    order = ("view", "table", "sequence", "type", "schema")
    ordered = sorted(objects, key=lambda found: order.index(found.split()[0]))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for found in ordered:
                kind, name = found.split(" ", 1)
                conn.execute(text(f"DROP {kind} IF EXISTS {quote(name)} CASCADE"))
        else:
            conn.execute(text("SET FOREIGN_KEY_CHECKS = 0"))
            for found in ordered:
                kind, name = found.split(" ", 1)
                conn.execute(text(f"DROP {kind} IF EXISTS {quote(name)}"))
            conn.execute(text("SET FOREIGN_KEY_CHECKS = 1"))


def _engine(database_url: str):
    """An engine that holds no connection between uses."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(database_url, poolclass=NullPool)


def display_name(example: Path) -> str:
    try:
        return example.relative_to(ROOT).as_posix()
    except ValueError:
        return str(example)
