"""Database servers for the tests: started on first use, stopped when the run ends, also
when it fails or is interrupted (Ctrl-C or SIGTERM)."""

import atexit
import os
import signal

import pytest

from snippets import _servers

_started: dict[str, _servers.Server] = {}
_unavailable: dict[str, str] = {}


def stop_servers() -> None:
    while _started:
        _started.popitem()[1].stop()


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")  # pytest then tears down, stopping the servers


atexit.register(stop_servers)
signal.signal(signal.SIGTERM, _interrupt)


def start_server(backend: str) -> _servers.Server:
    if backend in _unavailable:
        missing_component(_unavailable[backend])
    if backend not in _started:
        try:
            _started[backend] = _servers.START[backend]()
        except _servers.ServerUnavailable as error:
            _unavailable[backend] = str(error)
            missing_component(str(error))
    return _started[backend]


def missing_component(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server_for():
    """server_for("postgresql") -> a running Server (skips, or fails under CI, if not installed)."""
    yield start_server
    stop_servers()


@pytest.fixture
def database_url(request, server_for):
    """The URL of an empty database on the backend the test is parametrized with."""
    backend = request.param
    if backend == "sqlite":
        return None
    server = server_for(backend)
    server.reset()
    return server.url
