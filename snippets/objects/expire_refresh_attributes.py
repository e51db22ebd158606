"""Given attribute names, expire() and refresh() reload only those columns."""

import atexit
import os

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
session = Session(engine)
ada = User(id=1, name="ada", email="ada@example.com")
session.add(ada)
session.flush()


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", " ".join(statement.split()).partition(" FROM")[0])


# --8<-- [start:steps]
print("1. expire(ada, ['name'])")
session.expire(ada, ["name"])
print("not loaded:", sorted(inspect(ada).unloaded))
print("email:", ada.email)  # still loaded: no SQL
print("name:", ada.name)
assert inspect(ada).unloaded == set()

print("2. refresh(ada, ['email'])")
session.refresh(ada, ["email"])

print("3. refresh(ada): every column")
session.refresh(ada)

print("4. a change to email, not flushed, then expire(ada, ['name'])")
ada.email = "ada@lovelace.example"
session.expire(ada, ["name"])
print("email:", ada.email)  # not expired: the change is kept
assert ada.email == "ada@lovelace.example"
session.close()
# --8<-- [end:steps]
