"""A query run while an added object is incomplete flushes it, and the INSERT fails."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(50))  # NOT NULL


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


# --8<-- [start:steps]
def pick_email(session, name):
    taken = session.scalar(select(func.count()).where(User.name == name))
    return f"{name}{taken + 1}@example.com"


session = Session(engine)
print("1. add() first, then run a query to finish the object")
ada = User(name="ada")
session.add(ada)
try:
    ada.email = pick_email(session, "ada")  # the query autoflushes ada
except IntegrityError as error:
    print(type(error).__name__)
    print("   ", str(error).splitlines()[0])
try:
    session.scalar(select(func.count()).select_from(User))
except PendingRollbackError as error:
    print("next query:", type(error).__name__)
session.rollback()

print("2. the same steps inside no_autoflush")
ada = User(name="ada")
session.add(ada)
with session.no_autoflush:
    ada.email = pick_email(session, "ada")
session.commit()

print("3. or finish the object before add()")
grace = User(name="grace", email=pick_email(session, "grace"))
session.add(grace)
session.commit()
emails = session.scalars(select(User.email).order_by(User.id)).all()
print("saved:", emails)
assert emails == ["ada1@example.com", "grace1@example.com"]
session.close()
# --8<-- [end:steps]
