"""A helper that uses the scoped_session joins its caller's transaction."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))


@event.listens_for(engine, "before_cursor_execute")
def show_insert(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("INSERT"):
        print("    " + " ".join(statement.split()[:3]))


@event.listens_for(engine, "commit")
def show_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "rollback")
def show_rollback(conn):
    print("    ROLLBACK")


# --8<-- [start:steps]
Session = scoped_session(sessionmaker(engine))
seen = []


def audit(action):  # deep in the code: no session parameter
    seen.append(Session())
    Session.add(AuditEntry(action=action))


def create_user(name):
    seen.append(Session())
    Session.add(User(name=name))
    audit(f"created {name}")
    Session.flush()  # sends both INSERTs in the job's transaction
    if name == "mallory":
        raise ValueError("name refused")


def run_job(job, *args):  # where a framework would call your hook
    try:
        job(*args)
        Session.commit()
        print(f"{args[0]}: committed")
    except ValueError as error:
        Session.rollback()
        print(f"{args[0]}: rolled back ({error})")
    finally:
        Session.remove()  # the next job gets a new Session


print("1. two jobs; create_user() and audit() both use the proxy")
run_job(create_user, "ada")
print("create_user() and audit() used one Session:", seen[0] is seen[1])
run_job(create_user, "mallory")

print("2. what the database holds")
users = Session.scalars(select(User.name)).all()
entries = Session.scalars(select(AuditEntry.action)).all()
print("users:", users)
print("audit entries:", entries)  # mallory's entry went with her rollback
assert entries == ["created ada"]
Session.remove()  # ends the read: ROLLBACK
# --8<-- [end:steps]
