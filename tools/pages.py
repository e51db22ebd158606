"""What every answer page gets from the build (a MkDocs hook, mkdocs.yml `hooks:`).

1. An `example` block expands into the page's "Try it" contract. A page writes

       ```example
       snippets/sessions/close_session.py
       highlight: session.close()
       ```

   and gets: the example's `steps` section with every line that contains the
   highlight text highlighted; its output (one tab per group of databases that print
   the same thing); the whole file in a folded block whose copy button copies it; and
   the command that runs it. `highlight:` may be given more than once.
2. The front matter's `asked:` phrasings ("Also asked as") are shown under the title
   and indexed by the search in a field of their own, `asked`, weighted in mkdocs.yml.
"""

import html
import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `mkdocs` run as a command does not put it there

from runner.examples import BACKENDS, MASKED_ADDRESS, expected_output_path  # noqa: E402

SECTION = "steps"
BACKEND_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MariaDB"}
SERVER_ONLY = "this example needs"  # how an example that needs a server says so
EXAMPLE_BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)```example\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


def parse_block(body: str) -> tuple[str, list[str]]:
    """The example's path and its highlight texts, from an `example` block's body."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines or ":" in lines[0]:
        raise ValueError("the first line must be the example's path")
    highlights = []
    for line in lines[1:]:
        key, _, value = line.partition(":")
        if key.strip() != "highlight" or not value.strip():
            raise ValueError(f"unknown line {line!r} (only 'highlight: <text>')")
        highlights.append(value.strip())
    if not highlights:
        raise ValueError("no 'highlight:' line")
    return lines[0], highlights


def section_lines(source: str, name: str = SECTION) -> list[str]:
    """The lines of a snippet section, as pymdownx.snippets includes them."""
    lines = source.splitlines()
    markers = [i for i, line in enumerate(lines) if f"--8<-- [start:{name}]" in line]
    ends = [i for i, line in enumerate(lines) if f"--8<-- [end:{name}]" in line]
    if len(markers) != 1 or len(ends) != 1 or ends[0] < markers[0]:
        raise ValueError(f"needs one '# --8<-- [start:{name}]' ... [end:{name}] pair")
    inside = lines[markers[0] + 1 : ends[0]]
    return [line for line in inside if "--8<-- [" not in line]


def highlighted_lines(section: list[str], highlights: list[str]) -> list[int]:
    numbers = []
    for text in highlights:
        found = [n for n, line in enumerate(section, 1) if text in line]
        if not found:
            raise ValueError(f"no line of the '{SECTION}' section contains {text!r}")
        numbers += found
    return sorted(set(numbers))


def output_groups(example: Path) -> list[tuple[str, Path]]:
    """(tab label, output file): databases that print the same thing share a tab.
    A group whose output only says that the example needs a server comes last."""
    groups: dict[str, list[tuple[str, Path]]] = {}
    for backend in BACKENDS:
        url = None if backend == "sqlite" else f"{backend}://"
        path = expected_output_path(example, url)
        groups.setdefault(path.read_text(), []).append((BACKEND_LABELS[backend], path))
    ordered = sorted(groups, key=lambda output: output.startswith(SERVER_ONLY))
    return [
        (" and ".join(label for label, _ in groups[output]), groups[output][0][1])
        for output in ordered
    ]


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def render_example(path: str, highlights: list[str]) -> str:
    example = ROOT / path
    if not (path.startswith("snippets/") and example.suffix == ".py"):
        raise ValueError(f"{path} is not an example under snippets/")
    if not example.exists():
        raise ValueError(f"{path} does not exist")
    if not example.with_suffix(".out").exists():
        raise ValueError(f"{path} has no expected output: run `make outputs`")
    numbers = highlighted_lines(section_lines(example.read_text()), highlights)
    hl_lines = " ".join(map(str, numbers))
    parts = [
        f'```python title="{path}" hl_lines="{hl_lines}"',
        f'--8<-- "{path}:{SECTION}"',
        "```",
        "",
    ]
    groups = output_groups(example)
    outputs = [out.relative_to(ROOT).as_posix() for _, out in groups]
    if len(groups) == 1:
        parts += ['```text title="Output"', f'--8<-- "{outputs[0]}"', "```", ""]
    else:
        for (label, _), output in zip(groups, outputs):
            block = f'```text\n--8<-- "{output}"\n```'
            parts += [f'=== "{label}"', "", indent(block, "    "), ""]
    if any(MASKED_ADDRESS in out.read_text() for _, out in groups):
        parts += [
            f"Memory addresses change from run to run: they are shown as "
            f"`{MASKED_ADDRESS}`, and the tests compare them that way.",
            "",
        ]
    whole = (
        f'```python\n--8<-- "{path}"\n```\n\n'
        f"Run it from a checkout of this site: `python {path}`. It uses the database "
        "that `DATABASE_URL` names (SQLite in memory when unset), unless its first "
        "lines say otherwise."
    )
    parts += [
        f'??? example "The whole file: {example.name}"',
        "",
        indent(whole, "    "),
    ]
    return "\n".join(parts)


def expand_examples(markdown: str, where: str) -> str:
    def expand(match: re.Match) -> str:
        try:
            path, highlights = parse_block(match["body"])
            return indent(render_example(path, highlights), match["indent"])
        except ValueError as error:
            raise PluginError(f"{where}: example block: {error}") from None

    return EXAMPLE_BLOCK.sub(expand, markdown)


def asked_line(phrasings: list[str]) -> str:
    quoted = " · ".join(f"“{html.escape(phrasing)}”" for phrasing in phrasings)
    return f"Also asked as: {quoted}\n{{ .also-asked }}"


def insert_after_title(markdown: str, text: str) -> str:
    title, newline, rest = markdown.partition("\n")
    if not title.startswith("# "):
        raise PluginError("a page with 'asked:' must start with its '# ' title")
    return f"{title}{newline}\n{text}\n{rest}"


_asked_by_url: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):
    markdown = expand_examples(markdown, page.file.src_uri)
    if phrasings := page.meta.get("asked"):
        markdown = insert_after_title(markdown.lstrip("\n"), asked_line(phrasings))
        _asked_by_url[page.url] = " ".join(phrasings)
    return markdown


def on_post_build(config):
    """Add each page's phrasings to its first search entry, in the `asked` field."""
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text())
    for entry in index["docs"]:
        if entry["location"] in _asked_by_url:
            entry["asked"] = _asked_by_url[entry["location"]]
    index_path.write_text(json.dumps(index, separators=(",", ":")))
