"""Every claim in docs/reference/api.yml holds for the installed SQLAlchemy, and every
member that the SQLAlchemy 1.3 reference lists has a row."""

import builtins
import inspect as pyinspect
import re
import sqlite3
import warnings
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import (
    String,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import Pool, QueuePool

from tools import api_reference

DATA = api_reference.load()
TABLES = api_reference.tables()
ROWS = [row for rows in TABLES.values() for row in rows]
CHECKS = [
    (row["member"], *next(iter(check.items())), check.get("error", "TypeError"))
    for row in ROWS
    for check in row["checks"]
]
CLASSES = {"Pool": Pool, "QueuePool": QueuePool, "Engine": Engine, "Session": Session}
EXAMPLES = Path(__file__).resolve().parent.parent / "snippets" / "reference"


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def namespace() -> dict:
    """What the `checks` code in api.yml can use; built fresh for every check."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    session = Session(engine)
    user = User(name="ada")
    session.add(user)
    session.commit()
    return {
        "engine": engine,
        "pool": engine.pool,
        "session": session,
        "user": user,
        "User": User,
        "Session": Session,
        "Pool": Pool,
        "Engine": Engine,
        "QueuePool": QueuePool,
        "creator": lambda: sqlite3.connect(":memory:"),
        "create_engine": create_engine,
        "select": select,
        "insert": insert,
        "update": update,
        "text": text,
        "inspect": inspect,
        "event": event,
    }


def resolves(path: str, names: dict) -> bool:
    owner, _, attribute = path.partition(".")
    return hasattr(names[owner], attribute)


def run(code: str, names: dict) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(code, names)
    return [w for w in caught if issubclass(w.category, DeprecationWarning)]


def exception(name: str) -> type[Exception]:
    return getattr(builtins, name, None) or getattr(sqlalchemy.exc, name)


@pytest.mark.parametrize(
    "member, kind, code, error",
    CHECKS,
    ids=[f"{m} {k}: {c.splitlines()[0]}" for m, k, c, _ in CHECKS],
)
def test_claim_holds_for_installed_sqlalchemy(member, kind, code, error):
    names = namespace()
    if kind == "present":
        assert resolves(code, names)
    elif kind == "absent":
        assert not resolves(code, names)
    elif kind == "legacy":
        doc = eval(code, names).__doc__ or ""
        assert re.search(r"\.\. legacy::|\bis legacy\b", doc), "not called legacy"
    elif kind == "runs":
        assert run(code, names) == []
    elif kind == "deprecated":
        assert run(code, names), "no deprecation warning"
    elif kind == "rejected":
        with pytest.raises(exception(error)):
            run(code, names)
    else:
        pytest.fail(f"unknown check {kind!r}")


# The 1.3 reference, from api.yml's `listed_in_1_3`: an entry such as
# "Session.merge(instance, load=True)" is a method and its signature, "Session.dirty" an
# attribute.
LISTED = [
    (table, *re.fullmatch(r"(\w+)\.(\w+)(\(.*\))?", entry).groups())
    for table, data in DATA.items()
    for entry in data["listed_in_1_3"]
]  # (table, owner, name, signature or None)


def row_name(table: str, owner: str, name: str) -> str:
    """QueuePool.__init__ has a row of its own; QueuePool.connect is Pool.connect's."""
    return f"{owner}.__init__" if name == "__init__" else f"{table}.{name}"


def parameters(signature: str) -> list[pyinspect.Parameter]:
    """The parameters of a 1.3 signature as the reference shows it, e.g. "(a, b=1)"."""
    names: dict = {}
    exec(f"def listed{signature}: pass", names)
    return list(pyinspect.signature(names["listed"]).parameters.values())


def installed_parameters(owner: str, name: str) -> list[pyinspect.Parameter]:
    found = pyinspect.signature(getattr(CLASSES[owner], name)).parameters.values()
    return [p for p in found if p.name != "self"]


def broken_1_3_calls(old: list[pyinspect.Parameter], new: list[pyinspect.Parameter]):
    """Why some 1.3 calls fail now: a public named parameter that is gone, that became
    keyword-only, or that moved to another position. (A 1.3 `*args` or `**kwargs`
    names no parameter: what it accepted is proven by `rejected` checks instead.)"""
    positional = (pyinspect.Parameter.POSITIONAL_OR_KEYWORD,)
    old_positions = [p.name for p in old if p.kind in positional]
    new_positions = [p.name for p in new if p.kind in positional]
    now = {p.name: p for p in new}
    broken = []
    for parameter in old:
        if parameter.name.startswith("_") or parameter.kind not in positional:
            continue
        if parameter.name not in now:
            broken.append(f"{parameter.name} is gone")
        elif now[parameter.name].kind not in positional:
            broken.append(f"{parameter.name} is keyword-only")
        elif old_positions.index(parameter.name) != new_positions.index(parameter.name):
            broken.append(f"{parameter.name} moved")
    return broken


def test_every_member_of_the_1_3_reference_has_a_row():
    rows = {row["member"] for row in ROWS}
    missing = [
        row_name(table, owner, name)
        for table, owner, name, _ in LISTED
        if row_name(table, owner, name) not in rows
    ]
    assert missing == []


def test_every_constructor_parameter_gone_since_1_3_has_a_row():
    rows = {row["member"] for row in ROWS}
    missing = []
    for _, owner, name, signature in LISTED:
        if name == "__init__":
            accepted = {p.name for p in installed_parameters(owner, name)}
            for parameter in parameters(signature):
                expected = f"{owner}({parameter.name}=...)"
                if parameter.name not in accepted and expected not in rows:
                    missing.append(expected)
    assert missing == []


@pytest.mark.parametrize("row", ROWS, ids=[row["member"] for row in ROWS])
def test_row_is_a_member_or_a_parameter_of_the_1_3_reference(row):
    member = re.fullmatch(r"(\w+)(?:\.(\w+))?(?:\((\w+)=.*\))?", row["member"])
    owner, name, parameter = member.groups()
    signatures = {row_name(table, o, n): signature for table, o, n, signature in LISTED}
    key = f"{owner}.{name or '__init__'}"
    assert key in signatures, f"{key} is not in the 1.3 reference"
    if parameter:
        assert parameter in [p.name for p in parameters(signatures[key])]


ROW_STATUS = {row["member"]: row["status"] for row in ROWS}
METHODS = [listed for listed in LISTED if listed[3] is not None]


@pytest.mark.parametrize(
    "table, owner, name, signature",
    METHODS,
    ids=[f"{owner}.{name}" for _, owner, name, _ in METHODS],
)
def test_signature_status_follows_the_rule(table, owner, name, signature):
    """'signature changed' when a named 1.3 parameter is gone, keyword-only or moved,
    or when a 1.3 `*args`/`**kwargs` takes less (which the row's `rejected` check
    shows); any other member that is still there is not, even with a new parameter.
    ('behaviour changed' keeps every 1.3 parameter: its `runs` check asserts what a
    1.3 call does now.)"""
    member = row_name(table, owner, name)
    assert member in ROW_STATUS, f"no row for {member}"
    status = ROW_STATUS[member]
    if status == "removed":
        assert not hasattr(CLASSES[owner], name)
        return
    old = parameters(signature)
    broken = broken_1_3_calls(old, installed_parameters(owner, name))
    if status == "signature changed":
        catch_all = any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in old)
        assert broken or catch_all, "every 1.3 parameter is still there"
    else:
        assert broken == [], f"{status}, but {broken}"


@pytest.mark.parametrize("row", ROWS, ids=[row["member"] for row in ROWS])
def test_row_is_complete_and_its_status_is_checked(row):
    assert row["status"] in api_reference.STATUSES
    assert row["now"] and row["link"] and row["checks"]
    assert bool(row.get("since")) == (row["status"] != "unchanged")
    if row["status"] == "behaviour changed":
        assert row.get("note"), "no note saying what a 1.3 call does now"
    kinds = {next(iter(check)) for check in row["checks"]}
    assert "runs" in kinds, "no runs check: the call to use now must run"
    proof = {
        "removed": {"absent", "rejected"},
        "legacy": {"legacy"},
        "deprecated": {"deprecated"},
        "signature changed": {"rejected"},
    }
    needed = proof.get(row["status"])
    assert not needed or kinds & needed, f"no {' or '.join(sorted(needed))} check"


def shown_in(link: str) -> str:
    """The text a row's link leads to on this site: a page and the examples it shows,
    or for '#session', the examples under snippets/reference/ named session_*."""
    if link.startswith("#"):
        return "".join(p.read_text() for p in EXAMPLES.glob(f"{link[1:]}_*.py"))
    page = (api_reference.DOCS / "reference" / link.split("#")[0]).resolve()
    markdown = page.read_text()
    shown = re.findall(r"^\s*(snippets/\S+\.py)$", markdown, re.MULTILINE)
    root = api_reference.DOCS.parent
    return markdown + "".join((root / path).read_text() for path in shown)


LOCAL_ROWS = [row for row in ROWS if not row["link"].startswith("https://")]


@pytest.mark.parametrize("row", LOCAL_ROWS, ids=[row["member"] for row in LOCAL_ROWS])
def test_the_page_a_row_links_to_shows_the_member(row):
    name = re.fullmatch(r"\w+(?:\.(\w+))?(?:\((\w+)=.*\))?", row["member"])
    word = name[2] or name[1]
    if word == "__init__":
        word = row["member"].split(".")[0] + "("
    assert word in shown_in(row["link"]), f"{row['link']} never mentions {word}"


def test_page_renders_one_table_per_class():
    page = (api_reference.DOCS / "reference" / "api.md").read_text()
    assert api_reference.PLACEHOLDER.findall(page) == list(TABLES)
    for rows in TABLES.values():
        table = api_reference.render_table(rows)
        assert table.count("\n| <span id=") == len(rows)
