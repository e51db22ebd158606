"""`make bench`: how long the strict build and the example verification take.

Per example it prints the example's own run time (measured inside a forked process, with
SQLAlchemy already imported), and what each way of running it adds on top: a forked run (the
default in the tests) and a cold `python example.py`.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from snippets import _examples, _servers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD_RUNS = 3


def time_build() -> list[float]:
    seconds = []
    for _ in range(BUILD_RUNS):
        with tempfile.TemporaryDirectory() as site_dir:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site_dir],
                           cwd=ROOT, check=True)
            seconds.append(time.perf_counter() - start)
    return seconds


def verify_all(cold: bool, server: _servers.Server | None = None) -> tuple[float, list[_examples.Run]]:
    url = server.url if server else None
    runs = []
    start = time.perf_counter()
    for example in _examples.discover():
        if server:
            server.reset()
        runs.append(_examples.run(example, url, cold=cold))
    elapsed = time.perf_counter() - start
    failed = [_examples.display_name(run.example) for run in runs if _examples.problem(run, url)]
    if failed:
        sys.exit(f"examples failed, figures would be meaningless: {failed}")
    return elapsed, runs


def main() -> None:
    builds = time_build()
    print(f"strict build: median {statistics.median(builds):.2f} s over {BUILD_RUNS} runs "
          f"(min {min(builds):.2f}, max {max(builds):.2f})")

    _examples.run(_examples.discover()[0])  # start the fork server outside the measurement
    forked_total, forked = verify_all(cold=False)
    matrix_total = forked_total
    servers = {}
    for backend in ("postgresql", "mysql"):
        start = time.perf_counter()
        servers[backend] = _servers.START[backend]()
        print(f"{backend}: server started in {time.perf_counter() - start:.2f} s")
    try:
        for backend, server in servers.items():
            backend_total, runs = verify_all(cold=False, server=server)
            matrix_total += backend_total
            print(f"{backend}: {len(runs)} examples verified in {backend_total:.2f} s "
                  f"(an empty database before each)")
        print(f"whole matrix, one backend after the other: {matrix_total:.2f} s")
        start = time.perf_counter()
        with ThreadPoolExecutor(3) as pool:  # one stream per backend, each with its fork server
            list(pool.map(lambda server: verify_all(cold=False, server=server), [None, *servers.values()]))
        print(f"whole matrix, the three backends side by side: {time.perf_counter() - start:.2f} s")
    finally:
        for server in servers.values():
            server.stop()
    cold_total, cold = verify_all(cold=True)
    print(f"SQLite, all {len(forked)} examples: forked {forked_total:.2f} s, "
          f"cold {cold_total:.2f} s (one process per example either way)")
    print()
    print(f"{'example':58} {'own':>8} {'+forked':>8} {'+cold':>8}")
    for warm_run, cold_run in zip(forked, cold):
        own = warm_run.own_seconds
        print(f"{_examples.display_name(warm_run.example):58} {own * 1000:6.0f}ms "
              f"{(warm_run.wall_seconds - own) * 1000:6.0f}ms "
              f"{(cold_run.wall_seconds - own) * 1000:6.0f}ms")
    own_total = sum(run.own_seconds for run in forked)
    print(f"{'total':58} {own_total * 1000:6.0f}ms "
          f"{(forked_total - own_total) * 1000:6.0f}ms {(cold_total - own_total) * 1000:6.0f}ms")


if __name__ == "__main__":
    main()
