"""Per query, global, or per request: how many transactions, SELECTs and objects."""

import atexit
import os

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


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
with Session(engine) as session:
    session.add(User(id=1, name="ada"))
    session.commit()

counts = {"transactions": 0, "selects": 0, "checked out": 0}


@event.listens_for(engine, "begin")
def on_begin(conn):
    counts["transactions"] += 1


@event.listens_for(engine, "before_cursor_execute")
def on_execute(conn, cursor, statement, parameters, context, executemany):
    counts["selects"] += statement.startswith("SELECT")


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    counts["checked out"] += 1


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    counts["checked out"] -= 1


new_session = sessionmaker(engine)


def two_requests(strategy, handle_request):
    """Each request loads user 1 twice."""
    counts.update(transactions=0, selects=0)
    held = counts["checked out"]
    loaded = [user for _ in range(2) for user in handle_request()]
    print(strategy)
    print("    transactions begun:", counts["transactions"])
    print("    SELECTs sent:", counts["selects"])
    print("    distinct User objects for user 1:", len({id(u) for u in loaded}))
    print("    connections held after the requests:", counts["checked out"] - held)
    return counts["transactions"]


# --8<-- [start:steps]
def load(session, user_id):
    return session.get(User, user_id)


def per_query():
    def load_alone(user_id):  # the helper opens and closes a session of its own
        with new_session() as session:
            return load(session, user_id)

    return [load_alone(1), load_alone(1)]


global_session = new_session()  # one session for the whole program


def one_global():
    return [load(global_session, 1), load(global_session, 1)]


def per_request():
    with new_session() as session:  # the request's session, handed to the helpers
        return [load(session, 1), load(session, 1)]


print("two requests, each loading user 1 twice:")
transactions = two_requests("1. a session per query", per_query)
assert transactions == 4  # one per query
two_requests("2. one global session", one_global)
two_requests("3. a session per request", per_request)
global_session.close()
# --8<-- [end:steps]
