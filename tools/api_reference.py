"""The old-to-new API table: loads docs/reference/api.yml and renders it into the page.

Used as a MkDocs hook (mkdocs.yml `hooks:`): on docs/reference/api.md, a line
`<!-- api-table: Engine -->` is replaced by that class's table. tests/test_reference.py
checks the claims in the same file against the installed SQLAlchemy.
"""

import re
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

DOCS = Path(__file__).resolve().parent.parent / "docs"
DATA = DOCS / "reference" / "api.yml"
STATUSES = ("unchanged", "signature changed", "legacy", "deprecated", "removed")
PLACEHOLDER = re.compile(r"^<!-- api-table: (\w+) -->$", re.MULTILINE)


def load() -> dict[str, list[dict]]:
    return yaml.safe_load(DATA.read_text())


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
        label = "example below" if link.startswith("#") else page_title(link)
        lines.append(
            f'| <span id="{anchor(row["member"])}"></span>`{row["member"]}` '
            f"| {status_text(row)} | {row['now']} | [{label}]({link}) |"
        )
    return "\n".join(lines + ["", "</div>"])


def page_title(link: str) -> str:
    """The title of the page a link from docs/reference/api.md points to."""
    page = (DOCS / "reference" / link.split("#")[0]).resolve()
    return get_data(page.read_text())[1]["title"]


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != "reference/api.md":
        return markdown
    tables = load()
    return PLACEHOLDER.sub(lambda match: render_table(tables[match[1]]), markdown)
