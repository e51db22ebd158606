"""Run the site's examples and check what they print against their expected output.

    python -m runner                   run every example, show a diff for each mismatch
    python -m runner sessions/flush    only the examples whose path contains this
    python -m runner --list            list the examples and their expected outputs
    python -m runner --update          rewrite the expected outputs from real runs
    python -m runner --servers         the same on SQLite and on throwaway PostgreSQL
                                       and MariaDB servers started for this run

DATABASE_URL selects the database (SQLite in memory when unset), for example
DATABASE_URL=postgresql+psycopg://user:password@127.0.0.1/scratch. It must name an
empty scratch database: the runner refuses one that holds tables. Each example creates
its tables and drops them when it ends; a table an example leaves behind fails that
example and is then dropped. Asyncio examples get the asyncio driver of the same
database (psycopg, aiomysql, aiosqlite) automatically. The examples that need another
server find it in REDIS_URL (a Redis for Celery) or PGBOUNCER_URL (a PgBouncer in
front of DATABASE_URL's PostgreSQL, in transaction pooling mode).
"""

import argparse
import os
import sys

from runner import examples, servers

DRIVER_PACKAGES = {
    "psycopg": "psycopg[binary]",
    "psycopg2": "psycopg2-binary",
    "pymysql": "PyMySQL",
    "MySQLdb": "mysqlclient",
    "aiomysql": "aiomysql",
    "asyncpg": "asyncpg",
    "aiosqlite": "aiosqlite",
}


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m runner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "names", nargs="*", help="run only examples whose path contains one of these"
    )
    parser.add_argument("--list", action="store_true", help="list the examples")
    parser.add_argument(
        "--update", action="store_true", help="write each output to its .out file"
    )
    parser.add_argument(
        "--cold", action="store_true", help="start a fresh interpreter per example"
    )
    parser.add_argument(
        "--servers",
        action="store_true",
        help="also start throwaway PostgreSQL and MariaDB servers and run there",
    )
    args = parser.parse_args()

    selected = [
        path
        for path in examples.discover()
        if not args.names
        or any(name in examples.display_name(path) for name in args.names)
    ]
    if not selected:
        print(f"no example matches {' '.join(args.names)}", file=sys.stderr)
        return 2
    if args.list:
        for path in selected:
            outputs = " ".join(out.name for out in examples.output_files(path))
            print(f"{examples.display_name(path):60} {outputs}")
        return 0

    if args.servers:
        return run_with_servers(selected, args)
    database_url = os.environ.get("DATABASE_URL")
    if database_url and (error := database_problem(database_url)):
        print(f"DATABASE_URL={database_url}: {error}", file=sys.stderr)
        return 2
    urls = {
        name: os.environ[name] for name in examples.COMPONENTS if name in os.environ
    }
    failures, total = run_all(selected, database_url, args, urls)
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


def run_all(selected, database_url, args, urls) -> tuple[int, int]:
    backend = examples.backend_name(database_url)
    failures = 0
    for number, path in enumerate(selected, 1):
        _, problems = examples.check(
            path, database_url, cold=args.cold, update=args.update, urls=urls
        )
        status = "FAIL" if problems else ("updated" if args.update else "ok")
        progress = f"[{backend} {number}/{len(selected)}]"
        print(f"{progress} {status:7} {examples.display_name(path)}", flush=True)
        if problems:
            failures += 1
            print("\n".join(problems))
    return failures, len(selected)


def run_with_servers(selected, args) -> int:
    """Run on SQLite, then on throwaway servers: PostgreSQL (with a PgBouncer in front
    if an example needs one), MariaDB, and a Redis if an example needs one."""
    needed = {component for path in selected for component in examples.components(path)}
    started = {}
    failures = total = 0
    try:
        for backend in examples.BACKENDS:
            if backend != "sqlite":
                started[backend] = start(backend, servers.START[backend])
            if "redis" in needed and "redis" not in started:
                started["redis"] = start("redis", servers.start_redis)
            pgbouncer = "pgbouncer" in needed and backend == "postgresql"
            if pgbouncer:
                postgresql = started["postgresql"]
                started["pgbouncer"] = start(
                    "pgbouncer", lambda: servers.start_pgbouncer(postgresql)
                )
            urls = {
                variable: started[component].url
                for variable, component in examples.COMPONENTS.items()
                if component in started and (component != "pgbouncer" or pgbouncer)
            }
            database_url = started[backend].url if backend != "sqlite" else None
            counts = run_all(selected, database_url, args, urls)
            failures, total = failures + counts[0], total + counts[1]
            for server in (started.pop(name, None) for name in (backend, "pgbouncer")):
                if server:
                    server.stop()
    except servers.ServerUnavailable as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        for server in started.values():
            server.stop()
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


def start(name: str, start_server) -> servers.Server:
    print(f"starting a throwaway {name} server...", flush=True)
    return start_server()


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
        package = DRIVER_PACKAGES.get(module, module)
        return f"the driver is not installed: pip install {package}"
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except exc.OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0]
        return f"cannot connect (is the server running?): {reason}"
    except exc.DBAPIError as error:
        return f"connected, but the database refused a query: {error.orig}"
    finally:
        engine.dispose()
    if found := examples.database_objects(database_url):
        return (
            f"the database is not empty ({', '.join(found)}): the examples need an "
            "empty scratch database, and the runner never drops what it did not create"
        )
    return None


if __name__ == "__main__":
    sys.exit(main())
