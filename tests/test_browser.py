"""The site as readers meet it: the built pages in Debian's Chromium (Playwright)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.utils.meta import get_data

from tests.conftest import SCREENSHOTS, TAKE_SCREENSHOTS
from tests.test_pages import shown_examples

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
TIMEOUT_MS = 30_000  # for one step in the browser: generous, so a busy machine is fine

# The questions as the seed words them (shared/seeds/000...txt), and their pages.
SEED_QUESTIONS = {
    "How do you end a SQLAlchemy session?": "sessions/close-session",
    "How to close a SQLAlchemy session?": "sessions/close-session",
    "Does commit close the session SQLAlchemy?": (
        "sessions/does-commit-close-the-session"
    ),
    "Does SQLAlchemy close connection automatically?": (
        "connections/close-connections-automatically"
    ),
    "What does DB session Remove do?": "sessions/scoped-session-remove",
    "Is SQLAlchemy blocking?": "connections/is-sqlalchemy-blocking",
    "What is Session flush in SQLAlchemy?": "sessions/flush",
    "What does SQLAlchemy flush do?": "sessions/flush",
    "Do you need to commit after execute SQLAlchemy?": (
        "connections/commit-after-execute"
    ),
    "Does SQLAlchemy use connection pooling?": "engine-and-pool/connection-pooling",
    "What is SQLAlchemy expunge?": "sessions/expunge",
    "What is auto flush in SQLAlchemy?": "sessions/autoflush",
    "How do you close an Engine in SQLAlchemy?": "engine-and-pool/close-engine",
    "What are the states of an object in a SQLAlchemy session?": (
        "sessions/object-states"
    ),
    "How to update using SQLAlchemy and session?": "sessions/update-rows",
    "How to delete a table in SQLAlchemy?": "sessions/delete",
    "How to close SQLAlchemy connection in MySQL?": (
        "connections/close-connection-mysql-invalidation"
    ),
}
# Error messages as they appear in tracebacks (reprs and ids included), and their pages.
ERROR_MESSAGES = {
    "QueuePool limit of size 5 overflow 10 reached, connection timed out, "
    "timeout 30.00": "errors/queuepool-limit",
    "Parent instance <User at 0x7f2c> is not bound to a Session; lazy load operation "
    "of attribute 'addresses' cannot proceed": "errors/detached-instance",
    "This Session's transaction has been rolled back due to a previous exception "
    "during flush. To begin a new transaction with this Session, first issue "
    "Session.rollback().": "errors/pending-rollback",
    "Can't reconnect until invalid transaction is rolled back": (
        "errors/cant-reconnect-until-rollback"
    ),
    "Method 'close()' can't be called here; method '_connection_for_bind()' is "
    "already in progress": "errors/illegal-state-change",
    "greenlet_spawn has not been called; can't call await_only() here. Was IO "
    "attempted in an unexpected place?": "errors/missing-greenlet",
    "Object '<User at 0x7f2c>' is already attached to session '1' (this is '2')": (
        "errors/already-attached"
    ),
    "The garbage collector is trying to clean up non-checked-in connection": (
        "errors/gc-non-checked-in-connection"
    ),
    "This Connection is closed": "errors/connection-is-closed",
    "MySQL server has gone away": "errors/server-has-gone-away",
    "server closed the connection unexpectedly": "errors/server-has-gone-away",
    "A transaction is already begun on this Session.": (
        "errors/transaction-already-begun"
    ),
    "UPDATE statement on table 'user_account' expected to update 1 row(s); "
    "0 were matched.": "errors/stale-data-error",
    "Instance '<User at 0x7f2c>' has been deleted, or its row is otherwise not "
    "present.": "errors/object-deleted",
    "Working outside of application context.": (
        "errors/working-outside-application-context"
    ),
    "SQLite objects created in a thread can only be used in that same thread": (
        "errors/sqlite-same-thread"
    ),
    "got Future <Future pending cb=[BaseProtocol._on_waiter_completed()]> attached "
    "to a different loop": "errors/attached-to-a-different-loop",
    "FATAL:  sorry, too many clients already": "errors/too-many-clients",
    "FATAL:  remaining connection slots are reserved for non-replication superuser "
    "connections": "errors/too-many-clients",
    "(1040, 'Too many connections')": "errors/too-many-clients",
    'prepared statement "__asyncpg_stmt_1__" already exists': (
        "errors/prepared-statement-already-exists"
    ),
    '(psycopg.errors.DuplicatePreparedStatement) prepared statement "_pg3_0" '
    "already exists": "errors/prepared-statement-already-exists",
    "sqlite3.OperationalError: database is locked": "errors/database-is-locked",
    "SSL SYSCALL error: EOF detected": "errors/server-has-gone-away",
    "consuming input failed: server closed the connection unexpectedly": (
        "errors/server-has-gone-away"
    ),
    "terminating connection due to administrator command": (
        "errors/server-has-gone-away"
    ),
    "connection was closed in the middle of operation": (
        "connections/server-side-disconnects"
    ),
    "SSL error: decryption failed or bad record mac": "engine-and-pool/close-engine",
    "canceling statement due to statement timeout": (
        "engine-and-pool/per-connection-setup"
    ),
    "Query execution was interrupted (max_statement_time exceeded)": (
        "engine-and-pool/per-connection-setup"
    ),
    "cannot perform operation: another operation is in progress": (
        "concurrency/async-scoped-session"
    ),
}
# One-word queries, checked with the phrasings of their page.
SHORT_QUERIES = {
    "sessions/expunge": ["expunge"],
    "engine-and-pool/close-engine": ["dispose"],
    "connections/server-side-disconnects": ["pool_pre_ping"],
}


def url_path(page: Path) -> str:
    """docs/sessions/flush.md -> sessions/flush/ (the URL MkDocs gives it)."""
    relative = page.relative_to(DOCS).with_suffix("")
    return "" if relative.name == "index" else f"{relative.as_posix()}/"


def page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture
def context(browser):
    """A fresh browser profile: for the tests that change or watch what the site
    keeps (the colour scheme, the cache)."""
    context = browser.new_context(viewport=DESKTOP, permissions=CLIPBOARD)
    yield context
    context.close()


@pytest.fixture(scope="session")
def tab(browser):
    """One tab per worker, which the page checks take turns in: a new tab starts a
    renderer process, and that cost more CPU than the checks of a page."""
    context = browser.new_context(viewport=DESKTOP, permissions=CLIPBOARD)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def visit(tab):
    """visit(url) -> (the tab, showing url at desktop width; what went wrong in it
    during this test)."""
    problems, stop_watching = watch(tab)

    def go(url: str) -> tuple:
        tab.set_viewport_size(DESKTOP)
        tab.goto(url, wait_until="load")
        return tab, problems

    yield go
    stop_watching()


def open_page(context, url: str) -> tuple:
    """Open url in a new tab; return the page and what went wrong loading it."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems, _ = watch(page)
    page.goto(url, wait_until="load")
    return page, problems


def watch(page) -> tuple:
    """Collect what goes wrong in the page: console errors, script errors, failed
    requests, requests to other hosts. Returns the list and how to stop."""
    problems = []

    def on_console(message):
        if message.type == "error":
            problems.append(f"console {message.type}: {message.text}")

    def on_request(request):
        if urlsplit(request.url).hostname not in ("127.0.0.1", None):
            problems.append(f"other host: {request.url}")

    def on_request_failed(request):
        # Aborted: cancelled by the tab's next navigation (the favicon, say). A
        # missing file is a 404, which the console reports.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"failed: {request.url} ({request.failure})")

    handlers = {
        "console": on_console,
        "pageerror": lambda error: problems.append(f"script error: {error}"),
        "requestfailed": on_request_failed,
        "request": on_request,
    }
    for event, handler in handlers.items():
        page.on(event, handler)

    def stop():
        for event, handler in handlers.items():
            page.remove_listener(event, handler)

    return problems, stop


def next_frame(page) -> None:
    """Wait until the browser has laid out and painted what changed."""
    page.evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )


# What is the same on every page is checked by axe once, not on every page: code,
# coloured alike everywhere, on the fewest pages that show every kind of token
# (test_code_colours_pass_axe); the frame of the site that one template makes, its
# header, navigation and footer (test_frame_passes_axe). Leaving out code took a third
# to a half off axe's time on a page; the frame, a quarter more (72.7 -> 52.7 s over
# the 73 pages).
FRAME = [[".md-header"], [".md-sidebar--primary"], [".md-footer"]]
WHAT_THE_PAGE_ADDS = {"exclude": [["pre code"], *FRAME]}


def serious_violations(page, scope=None) -> list[str]:
    violations = Axe().run(page, context=scope).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        f"{[node['target'] for node in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("doc", PAGES, ids=page_id)
def test_page_loads_cleanly_reads_on_a_phone_and_passes_axe(visit, site_url, doc):
    page, problems = visit(site_url + url_path(doc))
    assert page.title().startswith(get_data(doc.read_text())[1]["title"])
    name = page_id(doc).replace("/", "-").removesuffix(".md")
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)

    code_that_scrolls = page.evaluate(
        "[...document.querySelectorAll('.language-python pre > code')]"
        ".filter(code => code.scrollWidth > code.clientWidth).length"
    )
    serious = serious_violations(page, WHAT_THE_PAGE_ADDS)
    examples = shown_examples(doc)
    copied = page.evaluate(COPY_WHOLE_FILES, [whole_file_title(e) for e in examples])
    miscopied = [
        example
        for example, text in zip(examples, copied)
        if text != runnable_file(ROOT / example)
    ]

    page.set_viewport_size(PHONE)
    next_frame(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if TAKE_SCREENSHOTS:
        page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    assert problems == []
    assert serious == []
    assert miscopied == [], "the copy button of the whole file copies something else"
    assert code_that_scrolls == 0, "Python code wider than the page at desktop width"
    assert overflow <= 0, f"{overflow}px of sideways scrolling at {PHONE['width']}px"


def runnable_file(example: Path) -> str:
    """The example as the whole-file block shows it: the include leaves out the two
    comments that mark the steps section (the code is the same)."""
    lines = example.read_text().rstrip("\n").split("\n")
    return "\n".join(line for line in lines if "# --8<-- [" not in line)


def whole_file_title(example: str) -> str:
    return f"The whole file: {Path(example).name}"


# For each title: open that fold, press its copy button (Material's own handler), and
# read the clipboard. With the mouse, on one page: test_copy_button_appears_on_hover...
COPY_WHOLE_FILES = """async titles => {
  const copied = [];
  for (const title of titles) {
    const fold = [...document.querySelectorAll('details > summary')]
      .find(summary => summary.textContent === title).parentElement;
    fold.open = true;
    await navigator.clipboard.writeText('');
    fold.querySelector('div.highlight button[data-md-type=copy]').click();
    copied.push(await navigator.clipboard.readText());
  }
  return copied;
}"""


def test_copy_button_appears_on_hover_and_copies_the_file(visit, site_url):
    doc = DOCS / "sessions" / "flush.md"
    example = shown_examples(doc)[0]
    page, problems = visit(site_url + url_path(doc))
    fold = page.locator(
        f'details:has(> summary:text-is("{whole_file_title(example)}"))'
    )
    fold.locator("summary").click()
    page.evaluate("navigator.clipboard.writeText('')")
    block = fold.locator("div.highlight").first
    button = block.locator("button[data-md-type=copy]")
    block.hover()
    button.click()  # Playwright clicks only a visible button that nothing covers
    page.wait_for_function("navigator.clipboard.readText().then(text => text)")
    assert page.evaluate("navigator.clipboard.readText()") == runnable_file(
        ROOT / example
    )
    assert problems == []


def code_kinds(html: str) -> set[str]:
    """What code on a built page shows: its token classes (Pygments' 'k', 'nf', ...,
    'hll' for a highlighted line) and 'annotation' where it has an annotation."""
    kinds = set()
    for code in re.findall(r"<pre[^>]*>(.*?)</pre>", html, re.S):
        kinds.update(re.findall(r'<span class="([\w-]+)"', code))
        if re.search(r"# \(\d+\)!", code):
            kinds.add("annotation")
    return kinds


def pages_showing_every_code_kind(site: Path) -> list[str]:
    """The fewest pages (by a greedy choice) whose code shows every kind of token."""
    kinds = {
        url_path(doc): code_kinds((site / url_path(doc) / "index.html").read_text())
        for doc in PAGES
    }
    missing, chosen = set().union(*kinds.values()), []
    while missing:
        best = max(kinds, key=lambda path: len(kinds[path] & missing))
        chosen.append(best)
        missing -= kinds[best]
    return chosen


def serious_violations_on(visit, urls: list[str], scope) -> dict[str, list[str]]:
    """{url: serious violations within scope} for each page, after checking that
    the pages loaded cleanly."""
    serious = {}
    for url in urls:
        page, problems = visit(url)
        serious[url] = serious_violations(page, scope)
    assert problems == []
    return serious


def test_code_colours_pass_axe(visit, site, site_url):
    chosen = [site_url + path for path in pages_showing_every_code_kind(site)]
    assert len(chosen) >= 1
    serious = serious_violations_on(visit, chosen, {"include": [["pre code"]]})
    assert serious == dict.fromkeys(chosen, [])


def test_frame_passes_axe(visit, site_url):
    """On the home page, and on a page whose link in the navigation is the current
    one and whose footer links the pages before and after it."""
    urls = [site_url, site_url + "sessions/flush/"]
    serious = serious_violations_on(visit, urls, {"include": FRAME})
    assert serious == dict.fromkeys(urls, [])


RESULTS_META = "document.querySelector('.md-search-result__meta')?.textContent"


@pytest.fixture(scope="module")
def search_box(browser, site_url):
    """One page with the search open, used for every query of this module."""
    context = browser.new_context(viewport=DESKTOP)
    page, problems = open_page(context, site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    yield page, problems
    context.close()


def search(search_box, query: str) -> list[str]:
    """Type the query into the site's search; the paths of the first three pages."""
    page, problems = search_box
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # the search listens for keys
    page.wait_for_function(f"{RESULTS_META}.includes('Type to start')")
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"{RESULTS_META}.match(/matching/)")
    hrefs = page.locator(
        ".md-search-result__item > a.md-search-result__link"
    ).evaluate_all("links => links.map(link => link.href)")
    assert problems == []
    return list(dict.fromkeys(urlsplit(href).path.strip("/") for href in hrefs))[:3]


FIRST_PLACE = {**SEED_QUESTIONS, **ERROR_MESSAGES}


@pytest.mark.parametrize(
    "query, expected", FIRST_PLACE.items(), ids=[q[:60] for q in FIRST_PLACE]
)
def test_seed_question_or_pasted_error_message_finds_its_page_first(
    search_box, query, expected
):
    results = search(search_box, query)
    assert results and results[0] == expected, results


def phrasings(doc: Path) -> list[str]:
    return get_data(doc.read_text())[1].get("asked") or []


@pytest.mark.parametrize("doc", [doc for doc in PAGES if phrasings(doc)], ids=page_id)
def test_every_way_people_ask_finds_the_page_in_the_top_three(search_box, doc):
    expected = url_path(doc).strip("/")
    missed = {
        query: results
        for query in [*phrasings(doc), *SHORT_QUERIES.get(expected, [])]
        if expected not in (results := search(search_box, query))
    }
    assert missed == {}


def test_state_diagram_renders(visit, site_url):
    page, problems = visit(site_url + "sessions/object-states/")
    diagram = page.locator('img[src*="object-states.svg"]')
    assert diagram.evaluate("img => img.complete && img.naturalWidth > 0")
    assert diagram.bounding_box()["width"] > 300
    assert problems == []


def test_light_dark_toggle_switches_the_colour_scheme(context, site_url):
    page, _ = open_page(context, site_url)

    def scheme():
        return page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    toggle = page.locator("form[data-md-component=palette] label:visible").first
    first = scheme()
    toggle.click()
    second = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert {first, second} == {"default", "slate"}
    assert scheme() == first


def test_search_index_loads_only_when_the_search_is_first_used(context, site_url):
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page, problems = open_page(context, site_url + "sessions/flush/")
    loaded_with_the_page = [url for url in requested if "search_index" in url]
    page.keyboard.press("/")  # one of Material's keys that open the search
    page.wait_for_function(f"{RESULTS_META}.includes('Type to start')")
    assert problems == []
    assert loaded_with_the_page == []
    assert any(url.endswith("search/search_index.json") for url in requested)
