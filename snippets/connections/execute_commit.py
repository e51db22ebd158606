"""What execute() changes is kept only if you commit: closing without it rolls back."""

import atexit
import os

from sqlalchemy import String, create_engine, event, insert, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    print("    ROLLBACK")


# --8<-- [start:steps]
print("1. engine.connect(), execute(), no commit()")
with engine.connect() as conn:
    conn.execute(text("INSERT INTO note (body) VALUES ('connect, no commit')"))
    print("in a transaction:", conn.in_transaction())

print("2. engine.connect(), execute(), commit()")
with engine.connect() as conn:
    conn.execute(insert(Note), {"body": "connect + commit"})
    conn.commit()

print("3. engine.begin(): commits when the block ends")
with engine.begin() as conn:
    conn.execute(insert(Note), {"body": "begin block"})

print("4. engine.connect(), then a conn.begin() block: commits when it ends")
with engine.connect() as conn:
    with conn.begin():
        conn.execute(insert(Note), {"body": "connect + begin block"})

print("5. Session.execute(), no commit()")
with Session(engine) as session:
    session.execute(insert(Note), {"body": "session, no commit"})

print("6. Session.execute(), then session.commit()")
with Session(engine) as session:
    session.execute(insert(Note), {"body": "session + commit"})
    session.commit()

print("7. read the table (a block that only reads rolls back too)")
with engine.connect() as conn:
    kept = conn.scalars(select(Note.body).order_by(Note.id)).all()
print("rows kept:", kept)
assert kept == [
    "connect + commit",
    "begin block",
    "connect + begin block",
    "session + commit",
]
# --8<-- [end:steps]
