"""What the hosted site needs: a sitemap, a 404 page, social metadata from each page's
front matter, repository links only when the build is told the repository, and the CI
workflow that tests, builds and publishes it."""

import html
import os
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from tests.test_build import mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DEFAULT_SITE_URL = (
    "http://127.0.0.1:8000/"  # mkdocs.yml's default, what `make serve` serves
)
SITE_NAME = "SQLAlchemy lifecycle answers"  # mkdocs.yml's site_name
# What the workflow's build step sets (test_workflow checks it does)
HOSTED = {
    "SITE_URL": "https://example.github.io/site/",
    "REPO_URL": "https://github.com/example/site",
    "EDIT_URI": "edit/main/docs/",
}


def build(site_dir: Path, **env: str) -> Path:
    """mkdocs build --strict, as tests/test_build.py runs it, with only these hosting
    variables."""
    env = {**{k: v for k, v in os.environ.items() if k not in HOSTED}, **env}
    result = mkdocs_build(ROOT, site_dir, env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("hosted"), **HOSTED)


def pages() -> dict[str, dict]:
    """{URL path ("" for the home page): front matter} for docs/**/*.md"""
    result = {}
    for md in sorted(DOCS.rglob("*.md")):
        parts = md.relative_to(DOCS).with_suffix("").parts
        if parts[-1] == "index":
            parts = parts[:-1]
        result["".join(part + "/" for part in parts)] = get_data(md.read_text())[1]
    return result


def meta(page_html: str, attribute: str, name: str) -> list[str]:
    pattern = rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">'
    return [html.unescape(value) for value in re.findall(pattern, page_html)]


def test_sitemap_lists_every_page_once(site):
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text())
    assert sorted(locs) == sorted(DEFAULT_SITE_URL + url for url in pages())
    assert (site / "sitemap.xml.gz").exists()


def test_every_page_has_its_title_and_description_for_previews(site):
    for url, front_matter in pages().items():
        page_html = (site / url / "index.html").read_text()
        assert front_matter.get("title") and front_matter.get("description"), url
        title = front_matter["title"]
        if url:  # the home page's title is the site's name alone, not "Name - Name"
            title += f" - {SITE_NAME}"
        titles = re.findall("<title>(.*)</title>", page_html)
        assert [html.unescape(found) for found in titles] == [title], url
        assert meta(page_html, "property", "og:title") == [front_matter["title"]], url
        assert meta(page_html, "property", "og:description") == [
            front_matter["description"]
        ], url
        assert meta(page_html, "name", "description") == [
            front_matter["description"]
        ], url
        assert meta(page_html, "property", "og:url") == [DEFAULT_SITE_URL + url], url
        assert meta(page_html, "name", "twitter:card") == ["summary"], url


def test_404_page_links_home_and_points_to_search(site, hosted_site):
    # Served for a missing address at any depth: the home link is the site's root path.
    assert '<a href="/">Go to the home page</a>' in (site / "404.html").read_text()
    page_html = (hosted_site / "404.html").read_text()
    assert '<a href="/site/">Go to the home page</a>' in page_html
    assert "use the search box" in page_html


def test_repository_and_edit_links_only_when_the_repository_is_given(site, hosted_site):
    assert 'class="md-source"' not in (site / "index.html").read_text()
    assert 'rel="edit"' not in (site / "sessions/flush/index.html").read_text()
    page_html = (hosted_site / "sessions/flush/index.html").read_text()
    assert (
        'href="https://github.com/example/site" title="Go to repository"' in page_html
    )
    assert (
        'href="https://github.com/example/site/edit/main/docs/sessions/flush.md"'
        in page_html
    )
    assert (
        '<link rel="canonical" href="https://example.github.io/site/sessions/flush/">'
        in page_html
    )


def test_workflow_tests_everything_and_publishes_only_main():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    jobs = workflow["jobs"]
    assert "make test" in [step.get("run") for step in jobs["test"]["steps"]]
    build_step = next(
        step for step in jobs["build"]["steps"] if step.get("run") == "make build"
    )
    assert set(build_step["env"]) == set(HOSTED)
    assert build_step["env"]["EDIT_URI"] == HOSTED["EDIT_URI"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    for job in ("build", "deploy"):
        assert "github.ref == 'refs/heads/main'" in jobs[job]["if"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
