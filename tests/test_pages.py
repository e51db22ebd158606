"""What every page must hold: its front matter, the answer template, and code that is
tested. A page shows an example only through an `example` block (tools/pages.py), which
includes the example's steps, its outputs and the whole file; any other Python block is
run by pytest-codeblocks."""

import ast
import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data
from pytest_codeblocks.main import extract_from_file

from runner import examples
from tools import pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
ANSWER_PAGES = [page for page in PAGES if page.parent not in (DOCS, DOCS / "reference")]
PYTHON_FENCES = {
    "python",
    "python3",
    "py",
    "py3",
    "pycon",
    "pyi",
    "ipython",
    "ipython3",
}
NOT_RUN_MARKS = ("skip", "xfail")
TEMPLATE = [
    '!!! success "Short answer"',
    "## What happens",
    "## Try it",
    "## Changed since 1.x",
    "## Related",
]


def page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def example_blocks(page: Path) -> list[str]:
    """The bodies of the page's `example` blocks."""
    return [match["body"] for match in pages.EXAMPLE_BLOCK.finditer(page.read_text())]


def shown_examples(page: Path) -> list[str]:
    return [pages.parse_block(body)[0] for body in example_blocks(page)]


def untested_code(page: Path) -> list[str]:
    """One message per block of code on the page that no test runs."""
    text = page.read_text()
    if text.startswith("<!--pytest-codeblocks:skipfile-->"):
        return [f"{page.name}: skipfile hides every block on the page from the tests"]
    problems = []
    for block in extract_from_file(page):
        where = f"{page.name} line {block.lineno} (```{block.syntax})"
        if "--8<--" in block.code:
            problems.append(f"{where}: includes a file; show examples with ```example")
            continue
        words = block.syntax.replace("{", " ").split()
        language = words[0].lstrip(".").lower() if words else ""
        if language not in PYTHON_FENCES:
            continue
        if block.syntax != "python":
            problems.append(f"{where}: only ```python blocks are run by the tests")
        elif block.importorskip or any(
            mark.startswith(f"pytest.mark.{word}")
            for mark in block.marks
            for word in NOT_RUN_MARKS
        ):
            problems.append(f"{where}: marked to be skipped, so nothing runs it")
    for body in example_blocks(page):
        try:
            pages.render_example(*pages.parse_block(body))
        except ValueError as error:
            problems.append(f"{page.name}: example block: {error}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_block_of_code_is_tested(page):
    assert untested_code(page) == []


BAD_PAGES = {
    "py fence": ("```py\nprint(1)\n```\n", "only ```python blocks"),
    "pycon fence": ("```pycon\n>>> 1\n```\n", "only ```python blocks"),
    "titled inline": ('```python title="x.py"\nprint(1)\n```\n', "only ```python"),
    "skipped": ("<!--pytest.mark.skip-->\n```python\nprint(1)\n```\n", "skipped"),
    "skipfile": (
        "<!--pytest-codeblocks:skipfile-->\n```python\nprint(1)\n```\n",
        "skip",
    ),
    "raw include": (
        '```python\n--8<-- "snippets/sessions/close_session.py"\n```\n',
        "show examples with ```example",
    ),
    "missing example": (
        "```example\nsnippets/nope/none.py\nhighlight: x\n```\n",
        "snippets/nope/none.py does not exist",
    ),
    "not an example": (
        "```example\ndocs/index.md\nhighlight: x\n```\n",
        "is not an example under snippets/",
    ),
    "no highlight": (
        "```example\nsnippets/sessions/close_session.py\n```\n",
        "no 'highlight:' line",
    ),
    "highlight not in the steps": (
        "```example\nsnippets/sessions/close_session.py\nhighlight: nowhere\n```\n",
        "no line of the 'steps' section contains 'nowhere'",
    ),
}


@pytest.mark.parametrize("name", BAD_PAGES)
def test_untested_or_broken_code_is_reported(tmp_path, name):
    markdown, expected_message = BAD_PAGES[name]
    page = tmp_path / "page.md"
    page.write_text(markdown)
    problems = untested_code(page)
    assert len(problems) == 1, problems
    assert expected_message in problems[0]


def test_example_block_shows_steps_outputs_and_whole_file():
    rendered = pages.render_example(
        "snippets/sessions/close_session.py", ["session.close()"]
    )
    assert '--8<-- "snippets/sessions/close_session.py:steps"' in rendered
    assert '--8<-- "snippets/sessions/close_session.out"' in rendered
    assert '??? example "The whole file: close_session.py"' in rendered
    assert '    --8<-- "snippets/sessions/close_session.py"' in rendered


def test_outputs_that_differ_by_database_are_shown_in_tabs():
    example = examples.SNIPPETS / "sessions" / "delete_table.py"
    labels = [label for label, _ in pages.output_groups(example)]
    assert labels == ["SQLite and MariaDB", "PostgreSQL"]


def test_every_example_is_shown_on_a_page():
    shown = {example for page in PAGES for example in shown_examples(page)}
    orphans = [
        examples.display_name(example)
        for example in examples.discover()
        if examples.display_name(example) not in shown
    ]
    assert orphans == []


def test_home_page_links_every_question():
    home = (DOCS / "index.md").read_text()
    unlisted = [
        page_id(page)
        for page in PAGES
        if page.name != "index.md" and f"]({page_id(page)})" not in home
    ]
    assert unlisted == []


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_page_has_title_description_and_matching_heading(page):
    markdown, meta = get_data(page.read_text())
    assert {"title", "description"} <= meta.keys(), "front matter missing or invalid"
    heading = markdown.lstrip().partition("\n")[0]
    assert heading.replace("`", "") == f"# {meta['title']}"  # `code` keeps __x__ as is


@pytest.mark.parametrize("page", ANSWER_PAGES, ids=page_id)
def test_answer_page_follows_the_template(page):
    text = page.read_text()
    positions = [text.find(part) for part in TEMPLATE]
    assert -1 not in positions, dict(zip(TEMPLATE, positions))
    assert positions == sorted(positions), dict(zip(TEMPLATE, positions))
    try_it = text[positions[2] : positions[3]]
    assert "```example\n" in try_it, "no example in 'Try it'"


@pytest.mark.parametrize("page", ANSWER_PAGES, ids=page_id)
def test_answer_page_lists_three_to_eight_other_phrasings(page):
    asked = get_data(page.read_text())[1].get("asked") or []
    assert 3 <= len(asked) <= 8, f"{len(asked)} phrasings under 'asked:'"
    assert all(isinstance(phrasing, str) and phrasing for phrasing in asked)


EXAMPLE_DOCSTRING = re.compile(r'"""[^"\n]+\."""')


@pytest.mark.parametrize("example", examples.discover(), ids=examples.display_name)
def test_example_starts_with_the_claim_it_proves(example):
    first_line = example.read_text().partition("\n")[0]
    assert EXAMPLE_DOCSTRING.fullmatch(first_line), "no one-line docstring first"


PROJECT_PACKAGES = {"runner", "tests", "tools", "snippets"}


@pytest.mark.parametrize("example", examples.discover(), ids=examples.display_name)
def test_example_imports_nothing_from_the_project(example):
    tree = ast.parse(example.read_text())
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    assert imported & PROJECT_PACKAGES == set()
