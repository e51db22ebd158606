"""Throwaway servers for the test run: PostgreSQL, MariaDB, Redis, and PgBouncer in
front of the PostgreSQL one.

Each server keeps its data in a temporary folder, listens only on 127.0.0.1 on a free
port, and is stopped and deleted by stop(). Used by tests/conftest.py, tests/bench.py
and `python -m runner --servers`.
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "examples"
FOLDER_PREFIX = "examples-"
START_TIMEOUT_SECONDS = 60
# A low connection limit, so that the example about running out of connections reaches
# it quickly; the largest pool an example uses is 41 connections.
MAX_CONNECTIONS = 50
DEBIAN_PACKAGES = {
    "postgresql": "postgresql",
    "mysql": "mariadb-server",
    "redis": "redis-server",
    "pgbouncer": "pgbouncer",
}
URLS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:{port}/" + DATABASE,
    "mysql": "mysql+pymysql://root@127.0.0.1:{port}/" + DATABASE,
    "redis": "redis://127.0.0.1:{port}/0",
    "pgbouncer": "postgresql+psycopg://postgres@127.0.0.1:{port}/" + DATABASE,
}
# What a run killed too hard to clean up may have left running, by its pid file
PID_FILES = ("data/postmaster.pid", "mariadb.pid", "redis.pid", "pgbouncer.pid")
# PostgreSQL and PgBouncer refuse to run as root
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class ServerUnavailable(Exception):
    """The server's programs are not installed (the message says what to install)."""


@dataclass
class Server:
    backend: str  # "postgresql", "mysql", "redis" or "pgbouncer"
    port: int
    folder: Path
    process: subprocess.Popen | None = None
    stop_command: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return URLS[self.backend].format(port=self.port)

    def stop(self) -> None:
        if self.stop_command:
            subprocess.run(self.stop_command, capture_output=True, timeout=60)
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def new_folder(backend: str) -> Path:
    """A temporary folder for one server, marked with the process that owns it."""
    sweep_stale_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{backend}-"))
    (folder / "owner").write_text(str(os.getpid()))
    if AS_POSTGRES and backend in ("postgresql", "pgbouncer"):
        shutil.chown(folder, "postgres", "postgres")
    return folder


def sweep_stale_folders() -> None:
    """Remove what a run killed too hard to clean up (SIGKILL) left behind."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        if owner_alive(folder):
            continue
        for pid_file in PID_FILES:
            try:
                pid = int((folder / pid_file).read_text().split()[0])
                os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError, IndexError):
                pass
        shutil.rmtree(folder, ignore_errors=True)


def owner_alive(folder: Path) -> bool:
    try:
        owner = int((folder / "owner").read_text())
    except (OSError, ValueError):  # being created, unless it has been a minute
        try:
            return time.time() - folder.stat().st_mtime < 60
        except FileNotFoundError:  # its owner removed it meanwhile: nothing to sweep
            return True
    try:
        os.kill(owner, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def run(command: list[str]) -> None:
    """Run a set-up command in its own process group, so that an interrupted start
    kills it and everything it started (mariadb-install-db runs a bootstrap server)."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=START_TIMEOUT_SECONDS)
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    if process.returncode:
        raise RuntimeError(
            f"{' '.join(command)} failed ({process.returncode}):\n{output}"
        )


def start(command: list[str]) -> subprocess.Popen:
    """Start a server process in a process group of its own."""
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def program(backend: str, name: str) -> str:
    """The path of a server program, or ServerUnavailable saying what to install."""
    found = shutil.which(name, path=f"/usr/sbin:/usr/bin:{os.environ['PATH']}")
    if not found:
        package = DEBIAN_PACKAGES[backend]
        raise ServerUnavailable(
            f"{name} not found: install Debian's {package} "
            f"(sudo apt-get install {package}) to run the examples that need it"
        )
    return found


def wait_until(ready, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(
        f"{what} did not start in {START_TIMEOUT_SECONDS} s; its log:\n"
        + (log.read_text() if log.exists() else "(no log)")
    )


@contextmanager
def stopped_on_error(server: Server):
    """A server that fails to start, or is interrupted starting, leaves nothing."""
    try:
        yield
    except BaseException:
        server.stop()
        raise


def start_postgresql() -> Server:
    versions = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not versions:
        program("postgresql", "initdb")  # raises: not installed
    newest = max(versions, key=lambda path: int(path.split("/")[-3]))
    bin_dir = Path(newest).parent
    folder = new_folder("postgresql")
    port = free_port()
    data, log = str(folder / "data"), str(folder / "server.log")
    pg_ctl = [*AS_POSTGRES, str(bin_dir / "pg_ctl"), "-D", data]
    server = Server(
        "postgresql", port, folder, stop_command=[*pg_ctl, "-m", "immediate", "stop"]
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off "
        f"-c max_connections={MAX_CONNECTIONS}"
    )
    with stopped_on_error(server):
        initdb = [str(bin_dir / "initdb"), "-D", data, "-U", "postgres", "-A", "trust"]
        run([*AS_POSTGRES, *initdb, "--no-sync", "-E", "UTF8"])
        run([*pg_ctl, "-o", options, "-l", log, "-w", "start"])
        createdb = [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port)]
        run([*AS_POSTGRES, *createdb, "-U", "postgres", DATABASE])
    return server


def start_mariadb() -> Server:
    install_db = program("mysql", "mariadb-install-db")
    mariadbd = program("mysql", "mariadbd")
    folder = new_folder("mariadb")
    port = free_port()
    log = folder / "server.log"
    user = ["--user=root"] if os.geteuid() == 0 else []
    # Its own tmpdir: bootstraps running side by side clash in /tmp
    paths = [f"--datadir={folder / 'data'}", f"--tmpdir={folder / 'tmp'}"]
    (folder / "tmp").mkdir()
    server = Server("mysql", port, folder)

    def accepts_queries() -> bool:
        if server.process.poll() is not None:
            raise RuntimeError("mariadbd exited:\n" + log.read_text())
        try:
            import pymysql

            conn = pymysql.connect(host="127.0.0.1", port=port, user="root")
        except Exception:
            return False
        with conn, conn.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE IF NOT EXISTS {DATABASE}")
        return True

    with stopped_on_error(server):
        auth = "--auth-root-authentication-method=normal"
        run([install_db, "--no-defaults", *paths, *user, auth, "--skip-test-db"])
        server.process = start(
            [
                mariadbd,
                "--no-defaults",
                *user,
                *paths,
                "--bind-address=127.0.0.1",
                f"--port={port}",
                f"--socket={folder / 'mariadb.sock'}",
                f"--pid-file={folder / 'mariadb.pid'}",
                f"--log-error={log}",
                "--skip-name-resolve",
                "--skip-grant-tables",
                "--skip-log-bin",
                f"--max-connections={MAX_CONNECTIONS}",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--innodb-buffer-pool-size=64M",
            ]
        )
        wait_until(accepts_queries, "MariaDB", log)
    return server


def answers(port: int, request: bytes, expected: bytes) -> bool:
    """True if a server on 127.0.0.1:port answers the request with `expected`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(request)
            return sock.recv(len(expected)) == expected
    except OSError:
        return False


def start_redis() -> Server:
    redis_server = program("redis", "redis-server")
    folder = new_folder("redis")
    port = free_port()
    log = folder / "server.log"
    server = Server("redis", port, folder)
    with stopped_on_error(server):
        server.process = start(
            [
                redis_server,
                "--bind", "127.0.0.1",
                "--port", str(port),
                "--dir", str(folder),
                "--pidfile", str(folder / "redis.pid"),
                "--logfile", str(log),
                "--save", "",
                "--appendonly", "no",
            ]
        )  # fmt: skip
        wait_until(lambda: answers(port, b"PING\r\n", b"+PONG"), "Redis", log)
    return server


def start_pgbouncer(postgresql: Server) -> Server:
    """PgBouncer in transaction pooling mode in front of the throwaway PostgreSQL."""
    pgbouncer = program("pgbouncer", "pgbouncer")
    folder = new_folder("pgbouncer")
    port = free_port()
    log = folder / "pgbouncer.log"
    users = folder / "userlist.txt"
    users.write_text('"postgres" ""\n')
    config = folder / "pgbouncer.ini"
    config.write_text(
        f"""\
[databases]
{DATABASE} = host=127.0.0.1 port={postgresql.port} dbname={DATABASE}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir = {folder}
auth_type = trust
auth_file = {users}
pool_mode = transaction
default_pool_size = 20
max_client_conn = 200
; keep idle server connections: examples count the server's connections
server_idle_timeout = 0
logfile = {log}
pidfile = {folder / "pgbouncer.pid"}
"""
    )
    for path in (users, config):
        if AS_POSTGRES:
            shutil.chown(path, "postgres", "postgres")
    server = Server("pgbouncer", port, folder)

    def accepts_queries() -> bool:
        import psycopg

        try:
            with psycopg.connect(server.url.replace("+psycopg", ""), connect_timeout=5):
                return True
        except psycopg.OperationalError:
            return False

    with stopped_on_error(server):
        server.process = start([*AS_POSTGRES, pgbouncer, str(config)])
        wait_until(accepts_queries, "PgBouncer", log)
    return server


START = {
    "postgresql": start_postgresql,
    "mysql": start_mariadb,
    "redis": start_redis,
}
