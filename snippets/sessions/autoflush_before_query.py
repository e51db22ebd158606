"""A select() or text() query run by the Session first flushes what you added."""

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
print("1. add(), then a select()")
session.add(User(name="ada"))
names = session.scalars(select(User.name)).all()
print("names:", names)
assert names == ["ada"]

print("2. add(), then a text() query")
session.add(User(name="grace"))
names = session.scalars(text("SELECT name FROM user_account ORDER BY id")).all()
print("names:", names)
assert names == ["ada", "grace"]  # flushed first: new in 2.1

print("3. add(), then a Core select() of the Table")
session.add(User(name="linus"))
user_table = User.__table__
names = session.scalars(select(user_table.c.name).order_by(user_table.c.id)).all()
print("names:", names)
assert names == ["ada", "grace", "linus"]  # new in 2.1 as well
session.close()
# --8<-- [end:steps]
