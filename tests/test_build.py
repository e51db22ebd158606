"""The site builds with `mkdocs build --strict`, and that build refuses broken input."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(
    project: Path, site_dir: Path, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(site_dir),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


def test_site_builds_strict_without_warnings(site):
    assert (site / "index.html").exists()
    assert len(list(site.rglob("*.html"))) >= 17


def test_every_page_has_one_title(site):
    """A line starting with "#" in running text would become a second <h1>."""
    pages = [
        page for page in site.rglob("index.html") if page.parent != site / "search"
    ]
    titles = {
        page.relative_to(site).as_posix(): page.read_text().count("<h1")
        for page in pages
    }
    assert {page: count for page, count in titles.items() if count != 1} == {}


def test_site_loads_nothing_from_other_hosts(site):
    pages = list(site.rglob("*.html"))
    offenders = [
        f"{page.relative_to(site)}: {needle}"
        for page in pages
        for needle in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr")
        if needle in page.read_text()
    ]
    assert pages and offenders == []


# A small site that inherits the real mkdocs.yml: these prove the project's settings.
FIXTURE_PAGES = {
    "index.md": "# Home\n\nSee [the other page](other.md#a-heading).\n",
    "other.md": (
        '# Other\n\n## A heading\n\n```text\n--8<-- "snippets/example.out"\n```\n'
    ),
}
FAULTS = {
    # fault: (text in a good page, text that breaks it, what the build must say)
    "broken link": (
        "other.md#a-heading",
        "missing.md",
        "contains a link 'missing.md', but the target is not found",
    ),
    "broken anchor": (
        "other.md#a-heading",
        "other.md#no-such-heading",
        "does not contain an anchor '#no-such-heading'",
    ),
    "missing include": (
        "snippets/example.out",
        "snippets/missing.out",
        "Snippet at path 'snippets/missing.out' could not be found",
    ),
}


def make_fixture_site(root: Path, fault: str | None) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "snippets").mkdir()
    (root / "snippets" / "example.out").write_text("hello\n")
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
        INHERIT: {ROOT / "mkdocs.yml"}
        hooks: []
        theme: {{custom_dir: {ROOT / "overrides"}}}
        nav: [index.md, other.md]
        """)
    )
    for name, text in FIXTURE_PAGES.items():
        if fault:
            good, bad, _ = FAULTS[fault]
            text = text.replace(good, bad)
        (root / "docs" / name).write_text(text)
    return root


def test_fixture_site_builds_when_nothing_is_broken(tmp_path):
    result = mkdocs_build(
        make_fixture_site(tmp_path / "project", None), tmp_path / "site"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("fault", FAULTS)
def test_build_fails_and_names_the_problem(tmp_path, fault):
    result = mkdocs_build(
        make_fixture_site(tmp_path / "project", fault), tmp_path / "site"
    )
    named = FAULTS[fault][2]
    assert result.returncode != 0
    assert named in result.stderr, result.stderr
