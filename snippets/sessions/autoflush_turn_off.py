"""execution_options(autoflush=False) stops the autoflush of select(), not of text()."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, event, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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

# Each statement up to its table name: the rest differs between databases
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


# --8<-- [start:steps]
session = Session(engine)
ada = User(name="ada")
session.add(ada)
print("1. select() with execution_options(autoflush=False)")
session.scalars(select(User.name).execution_options(autoflush=False)).all()
print("ada still pending:", ada in session.new)
assert ada in session.new

print("2. text() with execution_options(autoflush=False)")
session.execute(
    text("SELECT name FROM user_account").execution_options(autoflush=False)
)
print("ada still pending:", ada in session.new)
assert ada not in session.new  # the option is ignored: since 2.1 text() autoflushes

print("3. text() inside with session.no_autoflush")
grace = User(name="grace")
session.add(grace)
with session.no_autoflush:
    session.execute(text("SELECT name FROM user_account"))
print("grace still pending:", grace in session.new)
assert grace in session.new
session.commit()

print("4. text() in a Session(autoflush=False)")
with Session(engine, autoflush=False) as session:
    linus = User(name="linus")
    session.add(linus)
    session.execute(text("SELECT name FROM user_account"))
    print("linus still pending:", linus in session.new)
    assert linus in session.new
    session.commit()  # commit() flushes even with autoflush=False
# --8<-- [end:steps]
