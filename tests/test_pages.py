"""Every Python block on a page is tested: either it includes a snippet file (which
test_examples.py runs) together with its .out, or pytest-codeblocks runs it."""

import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data
from pytest_codeblocks.main import extract_from_file

from snippets import _examples

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
PYTHON_FENCES = {"python", "python3", "py", "py3", "pycon", "pyi", "ipython", "ipython3"}
INCLUDE = re.compile(r'^-{1,3}8<-{1,3}\s+"(?P<file>[^":]+)(?::[\w-]+)?"\s*$')
NOT_RUN_MARKS = ("skip", "xfail")


def fence_language(syntax: str | None) -> str:
    words = (syntax or "").replace("{", " ").split()
    return words[0].lstrip(".").lower() if words else ""


def untested_python_blocks(page: Path) -> list[str]:
    """One message per Python block on the page that no test runs."""
    text = page.read_text()
    if text.startswith("<!--pytest-codeblocks:skipfile-->"):
        return [f"{page.name}: skipfile hides every block on the page from the tests"]
    problems = []
    for block in extract_from_file(page):
        if fence_language(block.syntax) not in PYTHON_FENCES:
            continue
        where = f"{page.name} line {block.lineno} (```{block.syntax})"
        lines = [line.strip() for line in block.code.splitlines() if line.strip()]
        includes = [INCLUDE.match(line) for line in lines]
        if lines and all(includes):
            for match in includes:
                problems += missing_example_files(where, match["file"], text)
        elif "--8<--" in block.code:
            problems.append(f"{where}: mixes an include with other code")
        elif block.syntax != "python":
            problems.append(f"{where}: only ```python blocks are run by pytest-codeblocks")
        elif block.importorskip or any(mark.startswith(f"pytest.mark.{word}")
                                       for mark in block.marks for word in NOT_RUN_MARKS):
            problems.append(f"{where}: marked to be skipped, so nothing runs it")
    return problems


def missing_example_files(where: str, included: str, page_text: str) -> list[str]:
    path = ROOT / included
    if not (included.startswith("snippets/") and path.suffix == ".py"):
        return [f"{where}: includes {included}, which is not an example under snippets/"]
    if path.name.startswith("_") or not path.exists():
        return [f"{where}: includes {included}, which is not a runnable example"]
    outputs = [out.relative_to(ROOT).as_posix() for out in _examples.output_files(path)]
    if not outputs:
        return [f"{where}: {included} has no expected output file"]
    return [f"{where}: shows {included} but not its output {output}"
            for output in outputs if f'--8<-- "{output}"' not in page_text]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(DOCS).as_posix())
def test_every_python_block_is_tested(page):
    assert untested_python_blocks(page) == []


BAD_PAGES = {
    "py fence": ("```py\nprint(1)\n```\n", "only ```python blocks"),
    "pycon fence": ("```pycon\n>>> 1\n```\n", "only ```python blocks"),
    "titled inline": ('```python title="x.py"\nprint(1)\n```\n', "only ```python blocks"),
    "skipped": ("<!--pytest.mark.skip-->\n```python\nprint(1)\n```\n", "marked to be skipped"),
    "skipfile": ("<!--pytest-codeblocks:skipfile-->\n```python\nprint(1)\n```\n", "skipfile"),
    "not a snippet": ('```python title="t"\n--8<-- "docs/index.md"\n```\n', "not an example"),
    "missing example": ('```python title="t"\n--8<-- "snippets/nope/none.py"\n```\n', "not a runnable"),
    "backend output not shown": ('```python title="t"\n--8<-- "snippets/sessions/delete_table.py"\n```\n'
                                 '```text\n--8<-- "snippets/sessions/delete_table.out"\n```\n',
                                 "not its output snippets/sessions/delete_table.postgresql.out"),
    "output not shown": ('```python title="t"\n--8<-- "snippets/sessions/close_session.py"\n```\n',
                         "not its output"),
}


@pytest.mark.parametrize("name", BAD_PAGES)
def test_untested_blocks_are_reported(tmp_path, name):
    markdown, expected_message = BAD_PAGES[name]
    page = tmp_path / "page.md"
    page.write_text(markdown)
    problems = untested_python_blocks(page)
    assert len(problems) == 1 and expected_message in problems[0], problems


def test_included_example_with_its_output_is_accepted(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('```python title="t"\n--8<-- "snippets/sessions/close_session.py"\n```\n\n'
                    '```text\n--8<-- "snippets/sessions/close_session.out"\n```\n'
                    '```python\nprint(1)\n```\n')
    assert untested_python_blocks(page) == []


def test_home_page_links_every_question():
    home = (DOCS / "index.md").read_text()
    unlisted = [page.relative_to(DOCS).as_posix() for page in PAGES
                if page.name != "index.md" and f"]({page.relative_to(DOCS).as_posix()})" not in home]
    assert unlisted == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(DOCS).as_posix())
def test_page_has_title_description_and_matching_heading(page):
    markdown, meta = get_data(page.read_text())
    assert {"title", "description"} <= meta.keys(), "front matter missing or not valid YAML"
    assert markdown.lstrip().startswith(f"# {meta['title']}\n")


ANSWER_PAGES = [page for page in PAGES if page.parent not in (DOCS, DOCS / "reference")]
TEMPLATE = ['!!! success "Short answer"', "## What happens", "## Try it", "## Changed since 1.x", "## Related"]


@pytest.mark.parametrize("page", ANSWER_PAGES, ids=lambda page: page.relative_to(DOCS).as_posix())
def test_answer_page_follows_the_template(page):
    text = page.read_text()
    positions = [text.find(part) for part in TEMPLATE]
    assert -1 not in positions and positions == sorted(positions), dict(zip(TEMPLATE, positions))
    assert '--8<-- "snippets/' in text, "no example included"
