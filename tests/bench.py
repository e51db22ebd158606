"""`make bench`: how long the strict build and the example verification take.

Per example it prints the example's own run time (measured inside a forked process,
with SQLAlchemy already imported), and what each way of running it adds on top: a forked
run (the default in the tests) and a cold `python example.py`.
"""

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from runner import examples, servers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD_RUNS = 3


def time_build() -> list[float]:
    seconds = []
    for _ in range(BUILD_RUNS):
        with tempfile.TemporaryDirectory() as site_dir:
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-q",
                    "-d",
                    site_dir,
                ],
                cwd=ROOT,
                check=True,
            )
            seconds.append(time.perf_counter() - start)
    return seconds


def verify_all(
    cold: bool, server: servers.Server | None = None
) -> tuple[float, list[examples.Run]]:
    url = server.url if server else None
    runs, problems = [], []
    start = time.perf_counter()
    for example in examples.discover():
        run, found = examples.check(example, url, cold=cold)
        runs.append(run)
        problems += found
    elapsed = time.perf_counter() - start
    if problems:
        sys.exit(
            "examples failed, figures would be meaningless:\n" + "\n".join(problems)
        )
    return elapsed, runs


def time_scaled_build(copies: int) -> float:
    """Build time of the same site with every page copied `copies` times."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for number in range(copies):
            shutil.copytree(ROOT / "docs", project / "docs" / f"copy{number}")
        (project / "snippets").symlink_to(ROOT / "snippets")
        (project / "mkdocs.yml").write_text(
            f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
            f"hooks: [{ROOT / 'tools/api_reference.py'}, {ROOT / 'tools/pages.py'}]\n"
            f"theme: {{custom_dir: {ROOT / 'overrides'}}}\n"
            "nav: []\nvalidation: {omitted_files: ignore}\n"
        )
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-d",
                str(project / "site"),
            ],
            cwd=project,
            check=True,
        )
        return time.perf_counter() - start


def browser_figures() -> None:
    """Per page: bytes a first visit transfers (as served here, uncompressed, and
    gzipped as a host such as GitHub Pages sends them), and ms from the last keystroke
    to search results."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve

    with tempfile.TemporaryDirectory() as site_dir, serve(site_dir) as base:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", site_dir],
            cwd=ROOT,
            check=True,
        )
        pages = sorted(Path(site_dir).rglob("index.html"))
        print(
            f"\n{'page (first visit, empty cache)':50} {'KiB':>7} {'gzipped':>8} "
            f"{'search ms':>10}"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            for html in pages:
                path = html.parent.relative_to(site_dir).as_posix()
                path = "" if path == "." else path + "/"
                context = browser.new_context()
                page = context.new_page()
                bodies = []
                page.on(
                    "requestfinished",
                    lambda request: bodies.append(request.response().body()),
                )
                page.goto(base + path, wait_until="networkidle")
                query = page.title().split(" - ")[0]
                page.locator(".md-search__input").first.click()
                page.wait_for_function(
                    "document.querySelector('.md-search-result__meta').textContent.includes('Type')"
                )
                page.locator("input.md-search__input").fill(query)
                start = time.perf_counter()
                page.locator("input.md-search__input").press("End")
                page.wait_for_function(
                    "document.querySelector('.md-search-result__meta').textContent.match(/matching/)",
                    polling=5,
                )
                latency = (time.perf_counter() - start) * 1000
                raw = sum(len(body) for body in bodies) / 1024
                gzipped = sum(len(gzip.compress(body)) for body in bodies) / 1024
                print(
                    f"{path or '(home)':50} {raw:7.0f} {gzipped:8.0f} {latency:10.0f}"
                )
                context.close()
            browser.close()


def main() -> None:
    builds = time_build()
    print(
        f"strict build: median {statistics.median(builds):.2f} s "
        f"over {BUILD_RUNS} runs "
        f"(min {min(builds):.2f}, max {max(builds):.2f})"
    )
    print(
        f"build with every page copied 10 times: {time_scaled_build(10):.2f} s "
        f"(once: {time_scaled_build(1):.2f} s, same settings)"
    )

    examples.run(
        examples.discover()[0]
    )  # start the fork server outside the measurement
    forked_total, forked = verify_all(cold=False)
    matrix_total = forked_total
    servers = {}
    for backend in ("postgresql", "mysql"):
        start = time.perf_counter()
        servers[backend] = servers.START[backend]()
        print(f"{backend}: server started in {time.perf_counter() - start:.2f} s")
    try:
        for backend, server in servers.items():
            backend_total, runs = verify_all(cold=False, server=server)
            matrix_total += backend_total
            print(
                f"{backend}: {len(runs)} examples verified in {backend_total:.2f} s "
                f"(an empty database before each)"
            )
        print(f"whole matrix, one backend after the other: {matrix_total:.2f} s")
        start = time.perf_counter()
        with ThreadPoolExecutor(
            3
        ) as pool:  # one stream per backend, each with its fork server
            list(
                pool.map(
                    lambda server: verify_all(cold=False, server=server),
                    [None, *servers.values()],
                )
            )
        print(
            "whole matrix, the three backends side by side: "
            f"{time.perf_counter() - start:.2f} s"
        )
    finally:
        for server in servers.values():
            server.stop()
    cold_total, cold = verify_all(cold=True)
    print(
        f"SQLite, all {len(forked)} examples: forked {forked_total:.2f} s, "
        f"cold {cold_total:.2f} s (one process per example either way)"
    )
    print()
    print(f"{'example':58} {'own':>8} {'+forked':>8} {'+cold':>8}")
    for warm_run, cold_run in zip(forked, cold):
        own = warm_run.own_seconds
        print(
            f"{examples.display_name(warm_run.example):58} {own * 1000:6.0f}ms "
            f"{(warm_run.wall_seconds - own) * 1000:6.0f}ms "
            f"{(cold_run.wall_seconds - own) * 1000:6.0f}ms"
        )
    own_total = sum(run.own_seconds for run in forked)
    print(
        f"{'total':58} {own_total * 1000:6.0f}ms "
        f"{(forked_total - own_total) * 1000:6.0f}ms "
        f"{(cold_total - own_total) * 1000:6.0f}ms"
    )


if __name__ == "__main__":
    main()
    browser_figures()
