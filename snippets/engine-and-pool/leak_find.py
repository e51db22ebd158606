"""Pool events that record each checkout's caller name the function that leaks."""

import atexit
import collections
import os
import tempfile
import traceback

import sqlalchemy
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/leak.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit


open_reports = []  # whatever keeps a session alive: a global, a cache, a thread


@atexit.register  # runs first: a leaked session's transaction would block the drop
def close_leaked_sessions():
    for session in open_reports:
        session.close()


with Session(engine) as session, session.begin():
    session.add_all([User(name="ada"), User(name="grace")])

# Frames to skip: SQLAlchemy's own files, and the code it generates ("<string>")
SKIP = (os.path.dirname(sqlalchemy.__file__), "<")

# --8<-- [start:steps]
checked_out = {}  # connection record -> (function, line) that checked it out


@event.listens_for(engine, "checkout")
def remember_caller(dbapi_connection, connection_record, connection_proxy):
    stack = traceback.extract_stack()[:-1]  # without this function
    # the innermost frame outside SQLAlchemy is the code that asked for a connection
    caller = next(f for f in reversed(stack) if not f.filename.startswith(SKIP))
    checked_out[connection_record] = (caller.name, caller.lineno)


@event.listens_for(engine, "checkin")
def forget_caller(dbapi_connection, connection_record):
    checked_out.pop(connection_record, None)


def count_users():  # healthy: the with-block closes the session
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


def rename(old, new):  # healthy: commits and closes
    with Session(engine) as session, session.begin():
        session.scalars(select(User).filter_by(name=old)).one().name = new


def user_report():  # leaks: its session is never closed
    session = Session(engine)
    open_reports.append(session)  # kept alive, as by a global, a cache, a thread
    return session.scalars(select(User.name).order_by(User.name)).all()


print("1. the application runs")
for _ in range(3):
    count_users()
    user_report()
rename("ada", "ada lovelace")

print("2. the pool counts what is still checked out")
print("   ", engine.pool.status())
print("    checked out:", engine.pool.checkedout())

print("3. where each connection that never came back was checked out")
where = collections.Counter(checked_out.values())
for (function, line), times in where.items():
    print(f"    {function}(), line {line}: {times} connections")
assert [function for function, line in where] == ["user_report"]

print("4. the fix: close those sessions (better: a with-block in user_report)")
for session in open_reports:
    session.close()
print(
    "    checked out:", engine.pool.checkedout(), "| not checked in:", len(checked_out)
)
# --8<-- [end:steps]
