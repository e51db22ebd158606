"""The flush sends UPDATEs that set the same columns as one executemany()."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, select
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
with Session(engine) as session:
    names = ["ada", "bob", "cy", "dan"]
    session.add_all([User(name=name, status="new") for name in names])
    session.commit()

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
with Session(engine) as session:
    print("1. load four users; three get a new status, one a new name")
    ada, bob, cy, dan = session.scalars(select(User).order_by(User.id))
    dan.status = "banned"  # changed in reverse order
    cy.name = "cyril"
    bob.status = "active"
    ada.status = "active"
    print("2. commit(): the flush goes through them in primary key order")
    session.commit()
    assert calls[0] == (True, 2)  # ada and bob: one call, two rows
# --8<-- [end:steps]
