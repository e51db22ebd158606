"""An expired object whose row another connection deleted raises ObjectDeletedError."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, delete, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # SQLite: a file, so two connections share it
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/users.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(id=1, name="ada"))
    session.commit()


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
session = Session(engine)
print("1. the session loads user 1, and commits")
ada = session.get(User, 1)
session.commit()  # expires ada: her next read loads the row again

print("2. another connection deletes row 1 and commits")
with engine.begin() as conn:
    conn.execute(delete(User).where(User.id == 1))

print("3. the session reads ada.name")
try:
    ada.name
except ObjectDeletedError as error:
    print(f"{type(error).__name__}: {error}")
    assert "has been deleted" in str(error)
print("ada still persistent:", inspect(ada).persistent)
session.close()
# --8<-- [end:steps]
