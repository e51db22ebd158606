"""Run the site's examples and compare what they print with their expected output.

    python -m snippets                      run every example, show a diff for each mismatch
    python -m snippets sessions/flush       only the examples whose path contains this
    python -m snippets --list               list the examples and their expected outputs
    python -m snippets --update             rewrite the expected output from real runs
    python -m snippets --servers            the same on SQLite and on throwaway PostgreSQL and
                                            MariaDB servers started for this run

DATABASE_URL selects the database (SQLite in memory when unset), for example
DATABASE_URL=postgresql+psycopg://user:password@127.0.0.1/scratch. The examples drop and
create their own tables: use a scratch database. Asyncio examples get the asyncio driver of
the same database (psycopg, aiomysql, aiosqlite) automatically.
"""

import argparse
import os
import sys

from snippets import _examples, _servers

DRIVER_PACKAGES = {"psycopg": "psycopg[binary]", "psycopg2": "psycopg2-binary", "pymysql": "PyMySQL",
                   "MySQLdb": "mysqlclient", "aiomysql": "aiomysql", "asyncpg": "asyncpg",
                   "aiosqlite": "aiosqlite"}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m snippets", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="run only examples whose path contains one of these")
    parser.add_argument("--list", action="store_true", help="list the examples and exit")
    parser.add_argument("--update", action="store_true", help="write each output to its .out file")
    parser.add_argument("--cold", action="store_true", help="start a fresh interpreter per example")
    parser.add_argument("--servers", action="store_true",
                        help="also start throwaway PostgreSQL and MariaDB servers and run there")
    args = parser.parse_args()

    examples = [
        path for path in _examples.discover()
        if not args.names or any(name in _examples.display_name(path) for name in args.names)
    ]
    if not examples:
        print(f"no example matches {' '.join(args.names)}", file=sys.stderr)
        return 2
    if args.list:
        for path in examples:
            outputs = " ".join(out.name for out in _examples.output_files(path))
            print(f"{_examples.display_name(path):60} {outputs}")
        return 0

    if args.servers:
        return run_with_servers(examples, args)
    database_url = os.environ.get("DATABASE_URL")
    if database_url and (error := database_problem(database_url)):
        print(f"DATABASE_URL={database_url}: {error}", file=sys.stderr)
        return 2
    failures, total = run_all(examples, database_url, args)
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


def run_all(examples, database_url, args, reset=None) -> tuple[int, int]:
    backend = _examples.backend_name(database_url)
    failures = 0
    for number, path in enumerate(examples, 1):
        if reset:
            reset()
        result = _examples.run(path, database_url, cold=args.cold)
        if args.update and result.exit_code == 0:
            _examples.write_expected_output(path, result.stdout, database_url)
        message = _examples.problem(result, database_url)
        status = "FAIL" if message else ("updated" if args.update else "ok")
        print(f"[{backend} {number}/{len(examples)}] {status:7} {_examples.display_name(path)}", flush=True)
        if message:
            failures += 1
            print(message)
    return failures, len(examples)


def run_with_servers(examples, args) -> int:
    failures = total = 0
    for backend in _examples.BACKENDS:
        if backend == "sqlite":
            counts = run_all(examples, None, args)
        else:
            print(f"starting a throwaway {backend} server...", flush=True)
            try:
                server = _servers.START[backend]()
            except _servers.ServerUnavailable as error:
                print(error, file=sys.stderr)
                return 2
            try:
                counts = run_all(examples, server.url, args, reset=server.reset)
            finally:
                server.stop()
        failures, total = failures + counts[0], total + counts[1]
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


def database_problem(database_url: str) -> str | None:
    """A one-line reason why examples cannot run against this URL, or None."""
    from sqlalchemy import create_engine, exc, text

    try:
        engine = create_engine(database_url)
    except exc.NoSuchModuleError:
        return f"unknown database or driver name {database_url.split(':')[0]!r}"
    except exc.ArgumentError as error:
        return f"not a database URL ({error})"
    except ModuleNotFoundError as error:
        module = (error.name or "").split(".")[0]
        return f"the driver is not installed: pip install {DRIVER_PACKAGES.get(module, module)}"
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except exc.OperationalError as error:
        return f"cannot connect (is the server running?): {str(error.orig).strip().splitlines()[0]}"
    except exc.DBAPIError as error:
        return f"connected, but the database refused a query: {error.orig}"
    finally:
        engine.dispose()
    return None


if __name__ == "__main__":
    sys.exit(main())
