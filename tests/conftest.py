"""The real components the tests use: database servers (started on first use, stopped
when the run ends, also when it fails or is interrupted by Ctrl-C or SIGTERM), and the
built site served on 127.0.0.1 with Debian's Chromium to read it."""

import atexit
import fcntl
import functools
import gzip as gzip_module
import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from runner import examples, servers

_started: dict[str, servers.Server] = {}
_unavailable: dict[str, str] = {}


def stop_servers() -> None:
    while _started:
        _started.popitem()[1].stop()


def _interrupt(signum, frame):
    raise KeyboardInterrupt(
        f"signal {signum}"
    )  # pytest then tears down, stopping the servers


atexit.register(stop_servers)
signal.signal(signal.SIGTERM, _interrupt)


def start_server(backend: str, instance: str = "") -> servers.Server:
    """This run's server of this kind, started on first use. Another `instance` name
    gets a server of its own."""
    if backend in _unavailable:
        missing_component(_unavailable[backend])
    key = f"{backend} {instance}"
    if key not in _started:
        try:
            if backend == "pgbouncer":  # in front of this instance's PostgreSQL
                postgresql = start_server("postgresql", instance)
                _started[key] = servers.start_pgbouncer(postgresql)
            else:
                _started[key] = servers.START[backend]()
        except servers.ServerUnavailable as error:
            _unavailable[backend] = str(error)
            missing_component(str(error))
    return _started[key]


def missing_component(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server_for():
    """server_for("postgresql") -> a running Server (skips if it is not installed, or
    fails under CI); server_for("postgresql", "other") -> another one."""
    yield start_server
    stop_servers()


@pytest.fixture(scope="session")
def example_servers(server_for):
    """example_servers(example, backend) -> (DATABASE_URL, other server URLs): the
    servers one example needs on one backend, started on first use (those of
    another `instance` are servers of their own)."""

    def urls_for(example, backend: str, instance: str = "") -> tuple[str | None, dict]:
        database_url = None
        if backend != "sqlite":
            database_url = server_for(backend, instance).url
        urls = {}
        for variable, component in examples.COMPONENTS.items():
            if component not in examples.components(example):
                continue
            if component == "pgbouncer" and backend != "postgresql":
                continue  # PgBouncer is for PostgreSQL only
            urls[variable] = server_for(component, instance).url
        return database_url, urls

    return urls_for


# The built site, served over HTTP on 127.0.0.1, and Debian's Chromium to read it with.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# With SCREENSHOTS=1, the page checks save each page at desktop and phone width here
SCREENSHOTS = Path(tempfile.gettempdir()) / "sqlalchemy-answers-screenshots"
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The site as `mkdocs build --strict` makes it, without hosting variables, checked
    to build without a warning: built once per run, by the first xdist worker to ask."""
    from tests.test_hosting import build

    run_folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # the workers' folders share the run's folder
        run_folder = run_folder.parent
    site_dir, built = run_folder / "site", run_folder / "site.built"
    with open(run_folder / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait for the build
        if not built.exists():  # not yet, or a worker's build failed
            build(site_dir)
            built.touch()
    return site_dir


@pytest.fixture(scope="session")
def site_url(site):
    with serve(site) as url:
        yield url


@contextmanager
def serve(site_dir, gzip: bool = False):
    """Serve a built site on 127.0.0.1 while the block runs; yields its URL. With
    gzip=True, text files are sent compressed, as GitHub Pages sends them."""
    handler = functools.partial(
        GzipHandler if gzip else QuietHandler, directory=str(site_dir)
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class GzipHandler(QuietHandler):
    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in self.COMPRESSED):
            return super().do_GET()
        body = gzip_module.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing_component(
            "Chromium not found: install Debian's chromium "
            "(sudo apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def pytest_terminal_summary(terminalreporter):
    if TAKE_SCREENSHOTS:
        terminalreporter.write_line(f"screenshots of every page: {SCREENSHOTS}")


def pytest_collection_modifyitems(items):
    """The longest test first, so that the other workers share the rest meanwhile
    (pytest.ini's --dist worksteal moves waiting tests to idle workers)."""
    items.sort(key=lambda item: item.get_closest_marker("longest") is None)


def pytest_runtest_setup(item):
    """The longest test sets the length of the run, and the machine's cores are all
    busy while it runs: the others give way to it. A worker lowers its own priority
    (nice 10, inherited by the processes it starts) at its first other test."""
    global _gave_way
    if not _gave_way and item.get_closest_marker("longest") is None:
        os.nice(10)
        _gave_way = True


_gave_way = False
