"""The old-to-new API table: loads docs/reference/api.yml and renders it into the page.

Used as a MkDocs hook (mkdocs.yml `hooks:`): on docs/reference/api.md, a line
`<!-- api-table: Engine -->` is replaced by that class's table (its `rows`).
tests/test_reference.py checks the same file against the installed SQLAlchemy: its
`checks`, and its rows against the 1.3 reference's members (`listed_in_1_3`).
"""

import re
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

DOCS = Path(__file__).resolve().parent.parent / "docs"
DATA = DOCS / "reference" / "api.yml"
STATUSES = (
    "unchanged",
    "behaviour changed",
    "signature changed",
    "legacy",
    "deprecated",
    "removed",
)
PLACEHOLDER = re.compile(r"^<!-- api-table: (\w+) -->$", re.MULTILINE)


def load() -> dict[str, dict]:
    """{class: {"listed_in_1_3": [signature, ...], "rows": [row, ...]}}"""
    return yaml.safe_load(DATA.read_text())


def tables() -> dict[str, list[dict]]:
    """{class: rows}, in the order of the file."""
    return {name: data["rows"] for name, data in load().items()}


def anchor(member: str) -> str:
    """Engine.execute -> engine-execute; Pool(listeners=...) -> pool-listeners"""
    return re.sub(r"[^a-z0-9]+", "-", member.lower()).strip("-")


def status_text(row: dict) -> str:
    text = f"**{row['status']}**"
    if row.get("since"):
        text += (
            f" in {row['since']}"
            if row["status"] != "legacy"
            else f" since {row['since']}"
        )
    if row.get("note"):
        text += f"; {row['note']}"
    return text


def render_table(rows: list[dict]) -> str:
    lines = [
        '<div class="api-table" markdown>',
        "",
        "| Member | Status in 2.1 | Use now | Shown in |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        link = row["link"]
        label = link_label(link)
        lines.append(
            f'| <span id="{anchor(row["member"])}"></span>`{row["member"]}` '
            f"| {status_text(row)} | {row['now']} | [{label}]({link}) |"
        )
    return "\n".join(lines + ["", "</div>"])


def link_label(link: str) -> str:
    if link.startswith("#"):
        return "example below"
    if link.startswith("https://docs.sqlalchemy.org/en/13/"):
        return "SQLAlchemy 1.3 docs"
    if link.startswith("https://docs.sqlalchemy.org/"):
        return "SQLAlchemy docs"
    return page_title(link)


def page_title(link: str) -> str:
    """The title of the page a link from docs/reference/api.md points to."""
    page = (DOCS / "reference" / link.split("#")[0]).resolve()
    return get_data(page.read_text())[1]["title"]


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != "reference/api.md":
        return markdown
    rows = tables()
    return PLACEHOLDER.sub(lambda match: render_table(rows[match[1]]), markdown)
