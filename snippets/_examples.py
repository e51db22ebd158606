"""Find the examples under snippets/, run them, and compare what they print.

Each example runs in a process of its own. By default that process is forked
from a server process that has already imported SQLAlchemy (_forkserver.py), which
removes the ~0.3 s import from every run; `cold=True` starts a fresh
`python example.py` instead, exactly as a reader would.
"""

import atexit
import difflib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SNIPPETS = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 30


def discover(root: Path = SNIPPETS) -> list[Path]:
    """Every example file: snippets/<topic>/<name>.py, skipping _private modules."""
    return sorted(
        path
        for path in root.rglob("*.py")
        if not any(part.startswith("_") for part in path.relative_to(root).parts)
    )


BACKENDS = ("sqlite", "postgresql", "mysql")
ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "psycopg", "mysql": "aiomysql"}
KNOWN_ASYNC_DRIVERS = {"aiosqlite", "asyncpg", "psycopg", "psycopg_async", "aiomysql", "asyncmy"}


def backend_name(database_url: str | None) -> str:
    """'sqlite', 'postgresql' or 'mysql' from a URL such as postgresql+psycopg://..."""
    if not database_url:
        return "sqlite"
    dialect = urlsplit(database_url).scheme.split("+")[0]
    return "mysql" if dialect == "mariadb" else dialect


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
    """name.out (every backend) and name.<backend>.out (where a backend prints something else)."""
    candidates = [example.with_suffix(".out")] + [example.with_suffix(f".{b}.out") for b in BACKENDS]
    return [path for path in candidates if path.exists()]


def expected_output_path(example: Path, database_url: str | None = None) -> Path:
    """name.<backend>.out where a backend prints something else, otherwise name.out."""
    specific = example.with_suffix(f".{backend_name(database_url)}.out")
    return specific if specific.exists() else example.with_suffix(".out")


def write_expected_output(example: Path, stdout: str, database_url: str | None = None) -> Path:
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


@dataclass
class Run:
    example: Path
    stdout: str
    stderr: str
    exit_code: int | None  # None when the example was stopped after the timeout
    wall_seconds: float  # measured by the caller: process start to finish
    own_seconds: float | None  # measured inside the process: the example's code alone


class _ForkServer:
    """The client side of _forkserver.py: one server process per thread, started lazily."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SNIPPETS / "_forkserver.py")], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        atexit.register(self.stop)

    def stop(self) -> None:
        self.process.stdin.close()  # the server ends when its stdin does
        self.process.wait(timeout=TIMEOUT_SECONDS)
        self.process.stdout.close()

    def run(self, example: Path, workdir: str, database_url: str | None, timeout: float) -> int | None:
        request = {"example": str(example), "workdir": workdir, "database_url": database_url,
                   "timeout": timeout}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the fork server stopped (exit code {self.process.wait()})")
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
) -> Run:
    database_url = url_for(example, database_url)
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        start = time.perf_counter()
        if cold:
            exit_code = _run_cold(example, workdir, database_url, timeout)
        else:
            exit_code = _fork_server().run(example, workdir, database_url, timeout)
        wall = time.perf_counter() - start
        files = Path(workdir)
        own = files / "own_seconds"
        return Run(
            example=example,
            stdout=_read(files / "stdout"),
            stderr=_read(files / "stderr"),
            exit_code=exit_code,
            wall_seconds=wall,
            own_seconds=float(own.read_text()) if own.exists() else None,
        )


def _read(path: Path) -> str:
    return path.read_text(errors="replace") if path.exists() else ""


def _run_cold(example, workdir, database_url, timeout) -> int | None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONIOENCODING"] = "utf-8"
    if database_url:
        env["DATABASE_URL"] = database_url
    with open(Path(workdir, "stdout"), "wb") as out, open(Path(workdir, "stderr"), "wb") as err:
        try:
            return subprocess.run(
                [sys.executable, str(example)],
                cwd=workdir, env=env, stdout=out, stderr=err,
                stdin=subprocess.DEVNULL, timeout=timeout,
            ).returncode
        except subprocess.TimeoutExpired:
            return None


def problem(result: Run, database_url: str | None = None) -> str | None:
    """What is wrong with one run, in words that name the example; None if nothing."""
    name = display_name(result.example)
    if result.exit_code is None:
        return f"{name}: did not finish within its time limit and was stopped\n{result.stdout}"
    if result.exit_code != 0:
        return f"{name}: exit code {result.exit_code}\n{result.stderr}"
    expected_path = expected_output_path(result.example, database_url)
    if not expected_path.exists():
        return (f"{name}: no expected output {expected_path.name} for {backend_name(database_url)}; "
                "run `make outputs` and review it")
    expected = expected_path.read_text()
    if result.stdout != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), result.stdout.splitlines(keepends=True),
            fromfile=f"{expected_path.name} (expected)", tofile=f"{name} (printed now)",
        )
        return f"{name}: output differs from {expected_path.name}\n{''.join(diff)}"
    return None


def display_name(example: Path) -> str:
    try:
        return example.relative_to(SNIPPETS.parent).as_posix()
    except ValueError:
        return str(example)
