"""Throwaway PostgreSQL and MariaDB servers for the test run.

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
DEBIAN_PACKAGES = {"postgresql": "postgresql", "mysql": "mariadb-server"}


class ServerUnavailable(Exception):
    """The server's programs are not installed (the message says what to install)."""


URLS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:{port}/" + DATABASE,
    "mysql": "mysql+pymysql://root@127.0.0.1:{port}/" + DATABASE,
}


@dataclass
class Server:
    backend: str  # "postgresql" or "mysql": the name SQLAlchemy's URLs use
    port: int
    folder: Path
    process: subprocess.Popen | None = None
    stop_command: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return URLS[self.backend].format(port=self.port)

    def reset(self) -> None:
        """An empty database for the next example."""
        if self.backend == "postgresql":
            import psycopg

            with psycopg.connect(
                host="127.0.0.1",
                port=self.port,
                user="postgres",
                dbname=DATABASE,
                autocommit=True,
            ) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        else:
            import pymysql

            conn = pymysql.connect(host="127.0.0.1", port=self.port, user="root")
            with conn.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
                cursor.execute(f"CREATE DATABASE {DATABASE}")
            conn.close()

    def stop(self) -> None:
        if self.stop_command:
            subprocess.run(self.stop_command, capture_output=True, timeout=60)
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def new_folder(backend: str) -> Path:
    """A temporary folder for one server, marked with the process that owns it."""
    sweep_stale_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{backend}-"))
    (folder / "owner").write_text(str(os.getpid()))
    return folder


def sweep_stale_folders() -> None:
    """Remove what a run killed too hard to clean up (SIGKILL) left behind."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        if owner_alive(folder):
            continue
        for pid_file in (folder / "data" / "postmaster.pid", folder / "mariadb.pid"):
            try:
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
            except (OSError, ValueError, IndexError):
                pass
        shutil.rmtree(folder, ignore_errors=True)


def owner_alive(folder: Path) -> bool:
    try:
        owner = int((folder / "owner").read_text())
    except (
        OSError,
        ValueError,
    ):  # no owner yet: being created, unless it has been a minute
        return time.time() - folder.stat().st_mtime < 60
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_root() -> bool:
    return os.geteuid() == 0


def missing(backend: str, program: str) -> ServerUnavailable:
    package = DEBIAN_PACKAGES[backend]
    return ServerUnavailable(
        f"{program} not found: install Debian's {package} "
        f"(sudo apt-get install {package}) to run the examples on {backend}"
    )


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
    binaries = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])
    )
    if not binaries:
        raise missing("postgresql", "PostgreSQL's initdb")
    bin_dir = Path(binaries[-1])
    folder = new_folder("postgresql")
    as_user = (
        ["runuser", "-u", "postgres", "--"] if as_root() else []
    )  # PostgreSQL refuses root
    if as_root():
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    log = folder / "server.log"
    server = Server(
        backend="postgresql",
        port=port,
        folder=folder,
        stop_command=as_user
        + [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-m",
            "immediate",
            "stop",
        ],
    )
    with stopped_on_error(server):
        run(
            as_user
            + [
                str(bin_dir / "initdb"),
                "-D",
                str(folder / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        run(
            as_user
            + [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-o",
                options,
                "-l",
                str(log),
                "-w",
                "start",
            ]
        )
        run(
            as_user
            + [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                DATABASE,
            ]
        )
    return server


def start_mariadb() -> Server:
    install_db, mariadbd = (
        shutil.which("mariadb-install-db"),
        shutil.which("mariadbd", path="/usr/sbin:" + os.environ["PATH"]),
    )
    if not install_db or not mariadbd:
        raise missing("mysql", "MariaDB's mariadbd")
    folder = new_folder("mariadb")
    port = free_port()
    log = folder / "server.log"
    user = ["--user=root"] if as_root() else []
    server = Server(backend="mysql", port=port, folder=folder)

    def accepts_queries() -> bool:
        if server.process.poll() is not None:
            raise RuntimeError(
                "mariadbd exited:\n" + (log.read_text() if log.exists() else "")
            )
        try:
            server.reset()
            return True
        except Exception:
            return False

    (
        folder / "tmp"
    ).mkdir()  # its own tmpdir: bootstraps running side by side clash in /tmp
    with stopped_on_error(server):
        run(
            [
                install_db,
                "--no-defaults",
                f"--datadir={folder / 'data'}",
                f"--tmpdir={folder / 'tmp'}",
                *user,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ]
        )
        server.process = subprocess.Popen(
            [
                mariadbd,
                "--no-defaults",
                *user,
                f"--datadir={folder / 'data'}",
                f"--tmpdir={folder / 'tmp'}",
                "--bind-address=127.0.0.1",
                f"--port={port}",
                f"--socket={folder / 'mariadb.sock'}",
                f"--pid-file={folder / 'mariadb.pid'}",
                f"--log-error={log}",
                "--skip-name-resolve",
                "--skip-grant-tables",
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--innodb-buffer-pool-size=64M",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until(accepts_queries, "MariaDB", log)
    return server


START = {"postgresql": start_postgresql, "mysql": start_mariadb}
