"""`make bench`: the figures behind the site's speed and size targets.

1. The test suite, as `make test` runs it: its wall time, and where the time goes,
   grouped by kind of test (from pytest's JUnit report). Target: 4 minutes.
2. The build: the strict build's time, and the build of every page copied ten times
   against the same build once: its time must stay linear in pages, and a page's HTML
   must not grow with them.
3. The examples: each one's own run time, and what a forked and a cold run add to it.
4. Every page as a reader gets it, served gzip-compressed as GitHub Pages serves it:
   the bytes of a first visit (target: 130 KiB gzipped), Lighthouse's mobile scores and
   LCP (targets: performance 95, the other three 100), and the search's latency from
   the last keystroke to the results shown, at p95 over every page's phrasings
   (target: 150 ms).

    python tests/bench.py [suite|build|examples|pages] ...   (all four by default)
"""

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from runner import examples, servers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD_RUNS = 3
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# 1. The test suite


def kind_of_test(case: ElementTree.Element) -> str:
    """A group for one test case of the JUnit report, e.g. 'examples on postgresql'."""
    module = case.get("classname", "").rsplit(".", 1)[-1]
    name = case.get("name", "")
    function = name.split("[")[0]
    if function == "test_example_prints_its_output_on_sqlite":
        return "examples on SQLite, one test each"
    if function == "test_every_example_in_turn_on_postgresql_and_mariadb":
        return "examples on PostgreSQL and MariaDB, 2 sequences at once (1 test)"
    if module == "test_browser":
        groups = {
            "test_page_loads_cleanly_reads_on_a_phone_and_passes_axe": "page checks",
            "test_every_way_people_ask_finds_the_page_in_the_top_three": "search",
            "test_seed_question_or_pasted_error_message_finds_its_page_first": "search",
        }
        return f"browser: {groups.get(function, 'other')}"
    return module.removeprefix("test_").replace("_", " ") or "pages (codeblocks)"


def time_suite() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "junit.xml"
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", f"--junitxml={report}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        cases = list(ElementTree.parse(report).iter("testcase"))
    summary = result.stdout.strip().splitlines()[-1]
    print(f"test suite (python -m pytest, as make test): {wall:.0f} s wall; {summary}")
    for case in cases:
        for failure in case.findall("failure") + case.findall("error"):
            print(f"  FAILED {case.get('name')}: {failure.get('message', '')[:2000]}")
    seconds, counts = defaultdict(float), defaultdict(int)
    for case in cases:
        kind = kind_of_test(case)
        seconds[kind] += float(case.get("time", 0))
        counts[kind] += 1
    total = sum(seconds.values())
    print(f"  time spent in tests, summed over the workers: {total:.0f} s")
    for kind in sorted(seconds, key=seconds.get, reverse=True):
        print(f"  {kind:55} {counts[kind]:5} tests {seconds[kind]:7.1f} s")


# 2. The build


def mkdocs_build(project: Path, site_dir: str, strict: bool = True) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", site_dir]
        + (["--strict"] if strict else []),
        cwd=project,
        check=True,
    )
    return time.perf_counter() - start


def time_scaled_build(copies: int) -> tuple[float, float]:
    """Build time of the same site with every page copied `copies` times, and the
    largest page's HTML, gzipped, in KiB."""
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
        seconds = mkdocs_build(project, str(project / "site"), strict=False)
        pages = (project / "site" / "copy0").rglob("index.html")
        largest = max(len(gzip.compress(page.read_bytes())) for page in pages)
        return seconds, largest / 1024


def time_builds() -> None:
    with tempfile.TemporaryDirectory() as site_dir:
        builds = [mkdocs_build(ROOT, site_dir) for _ in range(BUILD_RUNS)]
    pages = len(list((ROOT / "docs").rglob("*.md")))
    print(
        f"strict build of {pages} pages: median {statistics.median(builds):.2f} s "
        f"over {BUILD_RUNS} runs (min {min(builds):.2f}, max {max(builds):.2f})"
    )
    (once, page_once), (ten, page_ten) = time_scaled_build(1), time_scaled_build(10)
    print(
        f"build with every page copied 10 times: {ten:.2f} s, against {once:.2f} s "
        f"once with the same settings ({ten / once:.1f}x); largest page's HTML "
        f"{page_ten:.1f} KiB gzipped, against {page_once:.1f} KiB once"
    )


# 3. The examples


def time_examples() -> None:
    """Each example on SQLite: its own time, and what forked and cold runs add."""
    all_examples = examples.discover()
    redis = servers.start_redis()  # for the Celery examples
    try:
        urls = {"REDIS_URL": redis.url}
        examples.run(all_examples[0])  # start the fork server outside the measurement
        forked = [examples.run(example, urls=urls) for example in all_examples]
        cold = [examples.run(example, cold=True, urls=urls) for example in all_examples]
    finally:
        redis.stop()
    failed = [run for run in forked + cold if examples.problem(run)]
    if failed:
        sys.exit(
            f"examples failed: {[examples.display_name(r.example) for r in failed]}"
        )
    print(f"\n{'example (SQLite)':62} {'own':>7} {'+forked':>8} {'+cold':>7}")
    for warm, fresh in zip(forked, cold):
        own = warm.own_seconds
        print(
            f"{examples.display_name(warm.example):62} {own:6.2f}s "
            f"{warm.wall_seconds - own:7.3f}s {fresh.wall_seconds - own:6.2f}s"
        )
    own = sum(run.own_seconds for run in forked)
    forked_total = sum(run.wall_seconds for run in forked)
    cold_total = sum(run.wall_seconds for run in cold)
    print(
        f"{len(forked)} examples: own {own:.1f} s; forked {forked_total:.1f} s "
        f"(+{forked_total - own:.1f}); cold {cold_total:.1f} s "
        f"(+{cold_total - own:.1f})"
    )


# 4. The pages as readers get them


def lighthouse(url: str) -> dict:
    """Lighthouse's mobile report of one page: the four scores and LCP."""
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--chrome-flags={flags}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    report = json.loads(result.stdout)
    scores = {
        key: round(value["score"] * 100) for key, value in report["categories"].items()
    }
    scores["lcp"] = report["audits"]["largest-contentful-paint"]["numericValue"]
    return scores


def search_latency_ms(page, query: str) -> float:
    """From the last keystroke of the query to the results shown, in the browser."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent"
        ".includes('Type to start')"
    )
    box.fill(query)
    start = time.perf_counter()
    box.press("End")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent"
        ".match(/matching/)",
        polling=5,
    )
    return (time.perf_counter() - start) * 1000


def measure_pages() -> None:
    from mkdocs.utils.meta import get_data
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve

    with tempfile.TemporaryDirectory() as site_dir, serve(site_dir, gzip=True) as base:
        mkdocs_build(ROOT, site_dir)
        pages = sorted(Path(site_dir).rglob("index.html"))
        phrasings = [
            phrasing
            for doc in sorted((ROOT / "docs").rglob("*.md"))
            for phrasing in get_data(doc.read_text())[1].get("asked") or []
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            weights = {}
            for html in pages:
                path = html.parent.relative_to(site_dir).as_posix()
                path = "" if path == "." else path + "/"
                context = browser.new_context()
                page = context.new_page()
                sizes = []
                page.on(
                    "response",
                    lambda response: sizes.append(
                        int(response.headers.get("content-length", 0))
                    ),
                )
                page.goto(base + path, wait_until="networkidle")
                weights[path] = sum(sizes) / 1024
                context.close()
            context = browser.new_context()
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            latencies = [search_latency_ms(page, query) for query in phrasings]
            browser.close()

        columns = ("perf", "a11y", "best", "seo")
        print(f"\n{'page (first visit, gzipped)':45} {'KiB':>6} ", end="")
        print(" ".join(f"{column:>5}" for column in columns), f"{'LCP ms':>7}")
        reports = {}
        for path, kib in weights.items():
            reports[path] = report = lighthouse(base + path)
            print(
                f"{path or '(home)':45} {kib:6.1f} {report['performance']:5} "
                f"{report['accessibility']:5} {report['best-practices']:5} "
                f"{report['seo']:5} {report['lcp']:7.0f}"
            )
    print(
        f"first visit: at most {max(weights.values()):.1f} KiB gzipped, average "
        f"{statistics.mean(weights.values()):.1f}, over {len(weights)} pages"
    )
    for key in ("performance", "accessibility", "best-practices", "seo"):
        lowest = min(reports.values(), key=lambda report: report[key])[key]
        print(f"lighthouse {key}: lowest {lowest} over {len(reports)} pages")
    print(
        f"search, keystroke to results: p95 {percentile(latencies, 0.95):.0f} ms, "
        f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms, "
        f"over {len(latencies)} phrasings"
    )


PARTS = {
    "suite": time_suite,
    "build": time_builds,
    "examples": time_examples,
    "pages": measure_pages,
}

if __name__ == "__main__":
    for part in sys.argv[1:] or PARTS:
        PARTS[part]()
