"""A pending object becomes transient again; so does one whose INSERT is rolled back."""

import atexit
import os

from sqlalchemy import String, create_engine, event, func, inspect, select
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


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
session = Session(engine)
print("1. three pending objects, and three ways back")
carl = User(name="carl")
session.add(carl)
session.expunge(carl)
print("expunge(carl): transient", inspect(carl).transient)
dora = User(name="dora")
session.add(dora)
session.rollback()
print("rollback(): transient", inspect(dora).transient)
emil = User(name="emil")
session.add(emil)
session.close()
print("close(): transient", inspect(emil).transient)
assert inspect(emil).transient

print("2. an INSERT flushed, then rolled back")
bob = User(name="bob")
session.add(bob)
session.flush()
print("flush(): persistent", inspect(bob).persistent, "id:", bob.id)
session.rollback()
print("rollback(): transient", inspect(bob).transient, "id:", bob.id)
assert inspect(bob).transient
assert bob.id == 1  # the key the database gave it stays
rows = session.scalar(select(func.count()).select_from(User))
print("rows in the table:", rows)
session.close()
# --8<-- [end:steps]
