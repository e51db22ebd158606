"""A with-block returns its connection to the pool and leaves no transaction open."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/autoclose.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
engine.dispose()  # start with an empty pool
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
opened = []
resets = []  # per return: had the Connection rolled back already?


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    opened.append(dbapi_connection)
    print("    pool: DBAPI connection opened")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    Connection: COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    print("    Connection: ROLLBACK")


@event.listens_for(engine, "reset")
def on_reset(dbapi_connection, connection_record, reset_state):
    resets.append(reset_state.transaction_was_reset)
    if reset_state.transaction_was_reset:
        print("    pool: reset, nothing to do")
    else:
        print("    pool: reset, calls rollback()")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned, still open")


# --8<-- [start:steps]
print("1. with-block, no commit()")
with engine.connect() as conn:
    conn.execute(insert(Note), {"text": "never committed"})
print("conn.closed:", conn.closed)
assert resets == [True]  # the Connection rolled back: nothing left for the pool

print("2. with-block, commit() last")
with engine.connect() as conn:
    conn.execute(insert(Note), {"text": "kept"})
    conn.commit()

print("3. what was kept, and how many DBAPI connections were opened")
with engine.connect() as conn:
    texts = conn.scalars(select(Note.text)).all()
print("rows:", texts)
print("DBAPI connections opened:", len(opened))
assert len(opened) == 1  # each block got the same one back from the pool
# --8<-- [end:steps]
