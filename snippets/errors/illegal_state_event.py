"""An event handler that calls back into its session collides with the running call."""

import atexit
import os
import tempfile
import threading

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file: a new connection sees the same data
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/event.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
engine.dispose()  # so that the first query connects anew


def calls_back(method):
    """Run a method of the session from inside an event handler."""
    print("    in the handler, thread:", threading.current_thread().name)
    assert threading.current_thread() is threading.main_thread()  # no other thread
    try:
        method()
    except InvalidRequestError as error:  # IllegalStateChangeError is one
        print(f"    {method.__name__}(): {type(error).__name__}: {error}")


# --8<-- [start:steps]
print("1. a pool connect handler calls close() on the session that is connecting")
with Session(engine) as session:

    @event.listens_for(engine, "connect", once=True)
    def on_connect(dbapi_connection, connection_record):
        calls_back(session.close)

    print("query:", session.scalar(select(1)))

print("2. an after_flush handler calls flush() on the session that is flushing")
with Session(engine) as session:

    @event.listens_for(session, "after_flush")
    def on_after_flush(flushing_session, flush_context):
        calls_back(flushing_session.flush)

    session.add(User(name="ada"))
    session.flush()
    print("flushed:", session.scalar(select(User.name)))
# --8<-- [end:steps]
