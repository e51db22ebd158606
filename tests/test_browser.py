"""The site as readers meet it: the built pages in Debian's Chromium, driven by Playwright."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.utils.meta import get_data

from tests.conftest import SCREENSHOTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

# The questions as the seed words them (shared/seeds/000...txt), and the page that answers each.
SEED_QUESTIONS = {
    "How do you end a SQLAlchemy session?": "sessions/close-session",
    "How to close a SQLAlchemy session?": "sessions/close-session",
    "Does commit close the session SQLAlchemy?": "sessions/does-commit-close-the-session",
    "Does SQLAlchemy close connection automatically?": "connections/close-connections-automatically",
    "What does DB session Remove do?": "sessions/scoped-session-remove",
    "Is SQLAlchemy blocking?": "connections/is-sqlalchemy-blocking",
    "What is Session flush in SQLAlchemy?": "sessions/flush",
    "What does SQLAlchemy flush do?": "sessions/flush",
    "Do you need to commit after execute SQLAlchemy?": "connections/commit-after-execute",
    "Does SQLAlchemy use connection pooling?": "engine-and-pool/connection-pooling",
    "What is SQLAlchemy expunge?": "sessions/expunge",
    "What is auto flush in SQLAlchemy?": "sessions/autoflush",
    "How do you close an Engine in SQLAlchemy?": "engine-and-pool/close-engine",
    "What are the states of an object in a SQLAlchemy session?": "sessions/object-states",
    "How to update using SQLAlchemy and session?": "sessions/update-rows",
    "How to delete a table in SQLAlchemy?": "sessions/delete",
    "How to close SQLAlchemy connection in MySQL?": "connections/close-connection-mysql-invalidation",
}
# Error messages as they appear in tracebacks (reprs and ids included), and their pages.
ERROR_MESSAGES = {
    "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00": "errors/queuepool-limit",
    "Parent instance <User at 0x7f2c> is not bound to a Session; lazy load operation of attribute 'addresses' cannot proceed": "errors/detached-instance",
    "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback().": "errors/pending-rollback",
    "Can't reconnect until invalid transaction is rolled back": "errors/cant-reconnect-until-rollback",
    "Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress": "errors/illegal-state-change",
    "greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place?": "errors/missing-greenlet",
    "Object '<User at 0x7f2c>' is already attached to session '1' (this is '2')": "errors/already-attached",
    "The garbage collector is trying to clean up non-checked-in connection": "errors/gc-non-checked-in-connection",
    "This Connection is closed": "errors/connection-is-closed",
    "MySQL server has gone away": "errors/server-has-gone-away",
    "server closed the connection unexpectedly": "errors/server-has-gone-away",
}
SHORT_QUERIES = {
    "expunge": "sessions/expunge",
    "dispose": "engine-and-pool/close-engine",
    "pool_pre_ping": "connections/server-side-disconnects",
}


def url_path(page: Path) -> str:
    """docs/sessions/flush.md -> sessions/flush/ (the URL MkDocs gives it)."""
    relative = page.relative_to(DOCS).with_suffix("")
    return "" if relative.name == "index" else f"{relative.as_posix()}/"


def page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def open_page(context, url: str) -> tuple:
    """Open url; return the page and what went wrong loading it."""
    problems = []
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("request", lambda request: problems.append(f"other host: {request.url}")
            if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None)
    page.goto(url, wait_until="networkidle")
    return page, problems


@pytest.mark.parametrize("doc", PAGES, ids=page_id)
def test_page_loads_cleanly_reads_on_a_phone_and_passes_axe(context, site_url, doc):
    page, problems = open_page(context, site_url + url_path(doc))
    assert page.title().startswith(get_data(doc.read_text())[1]["title"])
    SCREENSHOTS.mkdir(exist_ok=True)
    name = page_id(doc).replace("/", "-").removesuffix(".md")
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)

    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in violations if v["impact"] in ("serious", "critical")]

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(100)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    assert problems == []
    assert serious == []
    assert overflow <= 0, f"{overflow}px of horizontal scrolling on a {PHONE['width']}px screen"


def search(context, site_url: str, query: str) -> list[str]:
    """Type the query into the site's search; the paths of the first three results."""
    page, problems = open_page(context, site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.includes('Type to start')")
    page.locator("input.md-search__input").fill(query)
    page.locator("input.md-search__input").press("End")  # the search listens for keys
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.match(/matching|No matching/)")
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(link => link.href)")
    assert problems == []
    return list(dict.fromkeys(urlsplit(href).path.strip("/") for href in hrefs))[:3]


@pytest.mark.parametrize("query, expected", {**SEED_QUESTIONS, **ERROR_MESSAGES}.items(),
                         ids=[q[:60] for q in {**SEED_QUESTIONS, **ERROR_MESSAGES}])
def test_question_or_pasted_error_message_finds_its_page_first(context, site_url, query, expected):
    results = search(context, site_url, query)
    assert results and results[0] == expected, results


@pytest.mark.parametrize("query, expected", SHORT_QUERIES.items(), ids=list(SHORT_QUERIES))
def test_short_query_finds_the_page_in_the_top_three(context, site_url, query, expected):
    assert expected in search(context, site_url, query)


def included_examples(doc: Path) -> list[str]:
    return re.findall(r'^\s*```python title="(snippets/[^"]+\.py)"', doc.read_text(), re.MULTILINE)


PAGES_WITH_EXAMPLES = [doc for doc in PAGES if included_examples(doc)]


@pytest.mark.parametrize("doc", PAGES_WITH_EXAMPLES, ids=page_id)
def test_copy_button_copies_the_example_file(browser, site_url, doc):
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page, _ = open_page(context, site_url + url_path(doc))
    for example in included_examples(doc):
        block = page.locator(f'div.highlight:has(span.filename:text-is("{example}"))').first
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == (ROOT / example).read_text().rstrip("\n"), example
    context.close()


def test_state_diagram_renders(context, site_url):
    page, problems = open_page(context, site_url + "sessions/object-states/")
    diagram = page.locator('img[src*="object-states.svg"]')
    assert diagram.evaluate("img => img.complete && img.naturalWidth > 0")
    assert diagram.bounding_box()["width"] > 300 and problems == []


def test_light_dark_toggle_switches_the_colour_scheme(context, site_url):
    page, _ = open_page(context, site_url)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    first = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    second = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert {first, second} == {"default", "slate"} and scheme() == first
