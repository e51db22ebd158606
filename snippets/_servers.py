"""Throwaway PostgreSQL and MariaDB servers for the test run.

Each server keeps its data in a temporary folder, listens only on 127.0.0.1 on a free port,
and is stopped and deleted by stop(). Used by tests/conftest.py, tests/bench.py and
`python -m snippets --servers`.
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "examples"
START_TIMEOUT_SECONDS = 60
DEBIAN_PACKAGES = {"postgresql": "postgresql", "mysql": "mariadb-server"}


class ServerUnavailable(Exception):
    """The server's programs are not installed (the message says what to install)."""


@dataclass
class Server:
    backend: str  # "postgresql" or "mysql": the name SQLAlchemy's URLs use
    url: str
    folder: Path
    process: subprocess.Popen | None = None
    stop_command: list[str] = field(default_factory=list)

    def reset(self) -> None:
        """An empty database for the next example."""
        if self.backend == "postgresql":
            import psycopg

            with psycopg.connect(self._libpq_url(), autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        else:
            import pymysql

            conn = pymysql.connect(host="127.0.0.1", port=self.port, user="root")
            with conn.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
                cursor.execute(f"CREATE DATABASE {DATABASE}")
            conn.close()

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/")[0])

    def _libpq_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_root() -> bool:
    return os.geteuid() == 0


def missing(backend: str, program: str) -> ServerUnavailable:
    package = DEBIAN_PACKAGES[backend]
    return ServerUnavailable(f"{program} not found: install Debian's {package} "
                             f"(sudo apt-get install {package}) to run the examples on {backend}")


def wait_until(ready, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start in {START_TIMEOUT_SECONDS} s; its log:\n"
                       + (log.read_text() if log.exists() else "(no log)"))


def start_postgresql() -> Server:
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not binaries:
        raise missing("postgresql", "PostgreSQL's initdb")
    bin_dir = Path(binaries[-1])
    folder = Path(tempfile.mkdtemp(prefix="examples-postgresql-"))
    as_user = ["runuser", "-u", "postgres", "--"] if as_root() else []  # PostgreSQL refuses root
    if as_root():
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    log = folder / "server.log"
    subprocess.run(as_user + [str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "postgres",
                              "-A", "trust", "--no-sync", "-E", "UTF8"],
                   check=True, capture_output=True)
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    subprocess.run(as_user + [str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                              "-l", str(log), "-w", "start"], check=True, capture_output=True)
    server = Server(
        backend="postgresql",
        url=f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}",
        folder=folder,
        stop_command=as_user + [str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"],
    )
    subprocess.run(as_user + [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                              "-U", "postgres", DATABASE], check=True, capture_output=True)
    return server


def start_mariadb() -> Server:
    install_db, mariadbd = shutil.which("mariadb-install-db"), shutil.which("mariadbd", path="/usr/sbin:" + os.environ["PATH"])
    if not install_db or not mariadbd:
        raise missing("mysql", "MariaDB's mariadbd")
    folder = Path(tempfile.mkdtemp(prefix="examples-mariadb-"))
    port = free_port()
    log = folder / "server.log"
    user = ["--user=root"] if as_root() else []
    subprocess.run([install_db, "--no-defaults", f"--datadir={folder / 'data'}", *user,
                    "--auth-root-authentication-method=normal", "--skip-test-db"],
                   check=True, capture_output=True)
    process = subprocess.Popen(
        [mariadbd, "--no-defaults", *user, f"--datadir={folder / 'data'}", "--bind-address=127.0.0.1",
         f"--port={port}", f"--socket={folder / 'mariadb.sock'}", f"--pid-file={folder / 'mariadb.pid'}",
         f"--log-error={log}", "--skip-name-resolve", "--skip-grant-tables", "--skip-log-bin",
         "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-buffer-pool-size=64M"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = Server(
        backend="mysql",
        url=f"mysql+pymysql://root@127.0.0.1:{port}/{DATABASE}",
        folder=folder,
        process=process,
    )

    def accepts_queries() -> bool:
        if process.poll() is not None:
            raise RuntimeError("mariadbd exited:\n" + (log.read_text() if log.exists() else ""))
        try:
            server.reset()
            return True
        except Exception:
            return False

    wait_until(accepts_queries, "MariaDB", log)
    return server


START = {"postgresql": start_postgresql, "mysql": start_mariadb}
