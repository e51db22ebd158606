"""With expire_on_commit=False, objects stay loaded after commit() and after close()."""

import atexit
import os

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


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


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("SELECT"):
        print("    SQL: SELECT")


# --8<-- [start:steps]
print("1. the default, expire_on_commit=True")
with Session(engine) as session:
    ada, bob = User(name="ada"), User(name="bob")
    session.add_all([ada, bob])
    session.commit()
    print("ada.name:", ada.name)  # expired by commit(): a SELECT loads it again
print("ada.name after close:", ada.name)  # loaded again before the session closed
try:
    bob.name  # expired too, never read, and the session is closed
except DetachedInstanceError as error:
    print("bob.name after close:", type(error).__name__)

print("2. expire_on_commit=False")
with Session(engine, expire_on_commit=False) as session:
    grace, linus = User(name="grace"), User(name="linus")
    session.add_all([grace, linus])
    session.commit()
    print("grace.name:", grace.name)  # still loaded: no SQL
print("linus.name after close:", linus.name)
assert linus.name == "linus"
# --8<-- [end:steps]
