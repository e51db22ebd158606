"""A Session returns its connection at commit(), rollback() and close()."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/session.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
with Session(engine) as session:
    print("1. add() and commit()")
    session.add(Note(text="kept"))
    session.commit()
    checked_out = engine.pool.checkedout()
    print("checked out after commit():", checked_out)
    assert checked_out == 0

    print("2. a query, then rollback()")
    session.scalars(select(Note.text)).all()
    session.rollback()

    print("3. a query, then the end of the with-block: close()")
    session.scalars(select(Note.text)).all()
print("checked out after the block:", engine.pool.checkedout())
# --8<-- [end:steps]
