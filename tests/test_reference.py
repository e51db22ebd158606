"""Every claim in docs/reference/api.yml holds for the installed SQLAlchemy."""

import sqlite3
import warnings

import pytest
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
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import Pool, QueuePool

from tools import api_reference

TABLES = api_reference.load()
ROWS = [row for rows in TABLES.values() for row in rows]
CHECKS = [
    (row["member"], kind, code)
    for row in ROWS
    for check in row["checks"]
    for kind, code in check.items()
]
SEED_MEMBERS = {
    "Pool": "add_listener connect dispose recreate unique_connection",
    "Engine": "begin connect contextual_connect dispose execute execution_options "
    "get_execution_options has_table raw_connection run_callable scalar "
    "schema_for_object table_names transaction update_execution_options",
    "Session": "add add_all begin begin_nested bind_mapper bind_table "
    "bulk_insert_mappings bulk_save_objects bulk_update_mappings close commit "
    "connection delete deleted "
    "dirty enable_relationship_loading execute expire expire_all expunge expunge_all "
    "flush get_bind identity_map info invalidate is_active is_modified merge new "
    "no_autoflush prepare prune refresh rollback scalar transaction",
}


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


@pytest.mark.parametrize(
    "member, kind, code", CHECKS, ids=[f"{m} {k}: {c}" for m, k, c in CHECKS]
)
def test_claim_holds_for_installed_sqlalchemy(member, kind, code):
    names = namespace()
    if kind == "present":
        assert resolves(code, names)
    elif kind == "absent":
        assert not resolves(code, names)
    elif kind == "legacy":
        assert ".. legacy::" in (eval(code, names).__doc__ or "")
    elif kind == "runs":
        assert run(code, names) == []
    elif kind == "deprecated":
        assert run(code, names), "no deprecation warning"
    elif kind == "rejected":
        with pytest.raises((TypeError, ArgumentError)):
            run(code, names)
    else:
        pytest.fail(f"unknown check {kind!r}")


def test_every_member_of_the_seed_has_a_row():
    for cls, members in SEED_MEMBERS.items():
        listed = {row["member"] for row in TABLES[cls]}
        assert {f"{cls}.{member}" for member in members.split()} <= listed


@pytest.mark.parametrize("row", ROWS, ids=[row["member"] for row in ROWS])
def test_row_is_complete_and_its_status_is_checked(row):
    assert row["status"] in api_reference.STATUSES
    assert row["now"] and row["link"] and row["checks"]
    assert bool(row.get("since")) == (row["status"] != "unchanged")
    kinds = {kind for check in row["checks"] for kind in check}
    proof = {
        "removed": {"absent", "rejected"},
        "legacy": {"legacy"},
        "deprecated": {"deprecated"},
        "signature changed": {"rejected", "runs"},
        "unchanged": {"runs", "present"},
    }
    assert kinds & proof[row["status"]], f"no check proves '{row['status']}'"


def test_page_renders_one_table_per_class():
    page = (api_reference.DOCS / "reference" / "api.md").read_text()
    assert api_reference.PLACEHOLDER.findall(page) == list(TABLES)
    for rows in TABLES.values():
        table = api_reference.render_table(rows)
        assert table.count("\n| <span id=") == len(rows)
