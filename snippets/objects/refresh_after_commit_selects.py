"""After commit() a read reloads the object; refresh() only sends that SELECT sooner."""

import atexit
import os

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
selects = []


@event.listens_for(engine, "begin")
def on_begin(conn):
    print("    BEGIN (implicit)")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])
    if statement.startswith("SELECT"):
        selects.append(statement)


# --8<-- [start:steps]
session = Session(engine)
ada = User(name="ada")
session.add(ada)

print("1. commit(), then read")
session.commit()
print("name:", ada.name)  # expired by commit(): this read loads the row
print("SELECTs:", len(selects))

print("2. commit(), refresh(), then read")
selects.clear()
ada.name = "ada lovelace"
session.commit()
print("refresh()")
session.refresh(ada)
print("name:", ada.name)  # refresh() has loaded it: no SQL here
print("SELECTs:", len(selects))
assert len(selects) == 1  # the same one SELECT as in step 1, sent earlier
session.close()
# --8<-- [end:steps]
