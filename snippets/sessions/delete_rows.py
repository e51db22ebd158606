"""session.delete() removes one object; delete() removes every row matching a WHERE."""

import atexit
import os
import re

from sqlalchemy import String, create_engine, delete, event, inspect, select
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
with Session(engine) as session:
    session.add_all([User(name=name) for name in ("ada", "bob", "cy", "dan")])
    session.commit()


@event.listens_for(engine, "before_cursor_execute")
def on_statement(conn, cursor, statement, parameters, context, executemany):
    # the SQL on one line, with each driver's placeholder (?, %(name)s::TYPE) as ?
    print("    SQL:", re.sub(r"%\(\w+\)s(::\w+)?", "?", " ".join(statement.split())))


# --8<-- [start:steps]
session = Session(engine)
print("1. session.delete(obj), then commit")
ada = session.scalars(select(User).where(User.name == "ada")).one()
session.delete(ada)
session.commit()
print("ada deleted:", inspect(ada).was_deleted)

print("2. delete() by criteria, through the Session")
bob = session.scalars(select(User).where(User.name == "bob")).one()
result = session.execute(delete(User).where(User.name.in_(["bob", "cy"])))
print("rows deleted:", result.rowcount)
print("bob, loaded before, marked deleted:", inspect(bob).deleted)
assert inspect(bob).deleted
session.commit()
session.close()

print("3. delete() by criteria, on a Connection")
user_table = User.__table__
with engine.begin() as conn:  # begin(): commits when the block ends
    result = conn.execute(delete(user_table).where(user_table.c.name == "dan"))
    print("rows deleted:", result.rowcount)
    names = conn.scalars(select(user_table.c.name)).all()
print("users left:", names)
assert names == []
# --8<-- [end:steps]
