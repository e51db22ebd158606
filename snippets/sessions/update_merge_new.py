"""add() INSERTs a new object even if its key exists; merge() UPDATEs the row."""

import atexit
import os

from sqlalchemy import String, create_engine, event
from sqlalchemy.exc import IntegrityError
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


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. add() a new object that has ada's primary key")
with Session(engine) as session:
    session.add(User(id=1, name="ada", status="active"))
    try:
        session.commit()
    except IntegrityError as error:
        print("commit():", type(error).__name__)

print("2. merge() the same new object instead")
with Session(engine) as session:
    new = User(id=1, name="ada", status="active")
    copy = session.merge(new)  # loads row 1, copies new's values onto it
    print("copy in session.dirty:", copy in session.dirty)
    print("new in the session:", new in session)
    session.commit()
    status = session.get(User, 1).status
    print("status in the database:", status)
    assert status == "active"
# --8<-- [end:steps]
