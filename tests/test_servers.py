"""The throwaway servers are gone after a run, also a failing or interrupted one."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INNER_TEST = """
import json, os, time

def test_uses_every_server(server_for):
    backends = ("postgresql", "mysql", "redis", "pgbouncer")
    folders = [str(server_for(backend).folder) for backend in backends]
    with open(os.environ["FOLDERS_FILE"] + ".tmp", "w") as file:
        file.write(json.dumps(folders))
    os.rename(os.environ["FOLDERS_FILE"] + ".tmp", os.environ["FOLDERS_FILE"])
    if os.environ.get("HANG"):
        time.sleep(120)
    assert False, "this run fails on purpose"
"""


def processes_using(folder: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if folder in text:
            found.append(text)
    return found


def inner_run(tmp_path: Path, hang: bool) -> tuple[subprocess.Popen, Path]:
    (tmp_path / "test_inner.py").write_text(INNER_TEST)
    folders_file = tmp_path / "folders.json"
    env = {
        **os.environ,
        "FOLDERS_FILE": str(folders_file),
        "PYTHONPATH": str(ROOT),
        "HANG": "1" if hang else "",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.conftest",
            "-p",
            "no:cacheprovider",
            "-c",
            os.devnull,
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_inner.py"),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, folders_file


def started_folders(folders_file: Path, output: str) -> list[str]:
    if not folders_file.exists():
        if "skipped" in output or "SKIPPED" in output:
            pytest.skip("the database servers are not installed")
        pytest.fail(f"the inner run started no servers:\n{output}")
    return json.loads(folders_file.read_text())


def assert_servers_gone(folders: list[str]) -> None:
    assert len(folders) == 4
    for folder in folders:
        assert not Path(folder).exists(), f"{folder} was left behind"
        assert processes_using(folder) == []


def test_servers_stop_after_a_failing_run(tmp_path):
    process, folders_file = inner_run(tmp_path, hang=False)
    output, _ = process.communicate(timeout=180)
    assert process.returncode == 1, output
    assert_servers_gone(started_folders(folders_file, output))


@pytest.mark.parametrize(
    "signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"]
)
def test_servers_stop_after_an_interrupted_run(tmp_path, signum):
    process, folders_file = inner_run(tmp_path, hang=True)
    deadline = time.monotonic() + 300
    while (
        not folders_file.exists()
        and process.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.1)
    process.send_signal(signum)
    output, _ = process.communicate(timeout=300)
    assert process.returncode != 0, output
    assert_servers_gone(started_folders(folders_file, output))


@pytest.mark.parametrize(
    "ci, outcome",
    [("true", pytest.fail.Exception), ("", pytest.skip.Exception)],
    ids=["CI=true fails", "laptop skips"],
)
def test_missing_server_fails_under_ci_and_skips_elsewhere(monkeypatch, ci, outcome):
    from runner import servers
    from tests import conftest

    def not_installed():
        servers.program("nowhere", "no-such-initdb")

    monkeypatch.setenv("CI", ci)
    monkeypatch.setitem(servers.START, "nowhere", not_installed)
    monkeypatch.setitem(servers.DEBIAN_PACKAGES, "nowhere", "postgresql")
    monkeypatch.setattr(conftest, "_unavailable", {})
    with pytest.raises(outcome, match="sudo apt-get install postgresql"):
        conftest.start_server("nowhere")


def test_a_folder_its_owner_removes_during_a_sweep_is_left_alone(tmp_path):
    from runner import servers

    assert servers.owner_alive(tmp_path / "removed-by-its-owner")
