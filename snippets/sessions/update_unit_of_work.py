"""The flush compares each attribute with its loaded value and UPDATEs what changed."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, inspect
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
    session.add(User(name="ada", status="new"))
    session.commit()

updates = []


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE"):  # in full, each driver's placeholder as ?
        updates.append(re.sub(r"%\(\w+\)s(::\w+)?", "?", statement))
        print("    SQL:", updates[-1])
    else:
        print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
with Session(engine) as session:
    print("1. change one attribute of a loaded object")
    ada = session.get(User, 1)
    ada.status = "active"
    print("in session.dirty:", ada in session.dirty)
    print("status history:", inspect(ada).attrs.status.history)
    session.commit()
    assert updates[0].startswith("UPDATE user_account SET status=? WHERE")

    print("2. assign the value a loaded attribute already has")
    ada.name = ada.name  # commit() expired it: reading it loads the row again
    print("in session.dirty:", ada in session.dirty)
    print("name history:", inspect(ada).attrs.name.history)
    session.commit()
    assert len(updates) == 1  # nothing added to any history: no UPDATE

    print("3. assign to an attribute that commit() expired")
    ada.name = "ada"  # the old value is unknown, so this counts as a change
    print("name history:", inspect(ada).attrs.name.history)
    session.commit()
    assert updates[1].startswith("UPDATE user_account SET name=? WHERE")
# --8<-- [end:steps]
