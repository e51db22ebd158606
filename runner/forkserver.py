"""A process that imports SQLAlchemy once, then forks a fresh child for every example.

Started by examples.py as `python runner/forkserver.py`. It reads one JSON request per
line on stdin ({"example", "workdir", "environment", "timeout"}), runs the example in
a forked child as `python example.py` would run it in workdir (stdout and stderr go to
files there), and answers one JSON line on stdout: {"exit_code": N}, or null when the
time ran out. The child leads a process group of its own: when it ends, whatever it
started and left running is stopped with it.
"""

import atexit
import importlib
import json
import os
import runpy
import select
import signal
import sys
import time
import traceback

# What the examples import, directly or through a database URL: paid once here instead
# of once per example (the frameworks cost 0.1-0.4 s of CPU each). What is not
# installed is simply not preloaded.
import sqlalchemy.ext.asyncio  # noqa: F401
import sqlalchemy.orm  # noqa: F401

for _module in (
    "aiosqlite",
    "sqlalchemy.dialects.sqlite.aiosqlite",
    "psycopg",
    "sqlalchemy.dialects.postgresql.psycopg",
    "pymysql",
    "aiomysql",
    "sqlalchemy.dialects.mysql.pymysql",
    "sqlalchemy.dialects.mysql.aiomysql",
    "fastapi",
    "fastapi.testclient",
    "flask_sqlalchemy",
    "celery",
    "uvicorn",
    "pytest",
):
    try:
        importlib.import_module(_module)
    except ImportError:
        pass


def run_example(example: str, workdir: str, environment: dict) -> int:
    """In the child: run the example like `python example.py`; return its exit code."""
    os.setpgid(0, 0)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        path = os.path.join(workdir, name)
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    for name, value in environment.items():  # DATABASE_URL=..., or None: unset
        os.environ.pop(name, None)
        if value:
            os.environ[name] = value
    os.chdir(workdir)
    sys.argv = [example]
    sys.path[0] = os.path.dirname(example)
    exit_code = 0
    start = time.perf_counter()
    try:
        runpy.run_path(example, run_name="__main__")
    except SystemExit as stop:
        code = stop.code
        exit_code = code if isinstance(code, int) else (0 if code is None else 1)
    except BaseException:
        traceback.print_exc()
        exit_code = 1
    with open(os.path.join(workdir, "own_seconds"), "w") as timing:
        timing.write(repr(time.perf_counter() - start))
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    return exit_code


def wait(pid: int, timeout: float) -> int | None:
    """The child's exit code, or None when it ran out of time. Either way, the child's
    process group is killed: nothing it started outlives it."""
    pidfd = os.pidfd_open(pid)
    finished, _, _ = select.select([pidfd], [], [], timeout)
    os.close(pidfd)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) if finished else None


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = run_example(
                request["example"], request["workdir"], request["environment"]
            )
            os._exit(code)
        try:
            os.setpgid(pid, pid)  # also here, so that wait() never finds no group
        except (PermissionError, ProcessLookupError):
            pass  # the child did it first
        exit_code = wait(pid, request["timeout"])
        print(json.dumps({"exit_code": exit_code}), flush=True)


if __name__ == "__main__":
    main()
