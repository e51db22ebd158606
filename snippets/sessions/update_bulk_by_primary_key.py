"""execute(update(User), [dicts]) UPDATEs each row by the primary key in its dict."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, select, update
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
session = Session(engine)
ada, bob, cy = [User(name=name, status="new") for name in ("ada", "bob", "cy")]
session.add_all([ada, bob, cy])
session.commit()
print("loaded:", ada.status, bob.status, cy.status)

calls = []


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE"):  # in full, each driver's placeholder as ?
        rows = len(parameters) if executemany else 1
        calls.append((executemany, rows))
        print("    SQL:", re.sub(r"%\(\w+\)s(::\w+)?", "?", statement))
        print(f"    executemany: {executemany}, rows: {rows}")
    else:
        print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. one dictionary per row, each with its primary key")
session.execute(
    update(User),
    [
        {"id": ada.id, "status": "active"},
        {"id": bob.id, "status": "active"},
        {"id": cy.id, "status": "banned"},
    ],
)
print("in memory:", ada.status, bob.status, cy.status)
assert cy.status == "banned"

print("2. the same keys, but not in consecutive dictionaries")
session.execute(
    update(User),
    [
        {"id": ada.id, "status": "away"},
        {"id": bob.id, "name": "robert"},
        {"id": cy.id, "status": "away"},
    ],
)
assert calls[1:] == [(False, 1)] * 3  # one UPDATE per dictionary

print("3. a dictionary without the primary key")
try:
    session.execute(update(User), [{"status": "active"}])
except InvalidRequestError as error:
    print("execute():", type(error).__name__)
session.commit()

rows = session.execute(select(User.name, User.status).order_by(User.id)).all()
print("in the database:", rows)
session.close()
# --8<-- [end:steps]
