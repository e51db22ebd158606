"""Changing an object whose row another connection deleted raises StaleDataError."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, delete, func, select
from sqlalchemy.exc import PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


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

# --8<-- [start:steps]
session = Session(engine)
print("1. the session loads user 1")
ada = session.get(User, 1)

print("2. another connection deletes row 1 and commits")
with engine.begin() as conn:
    conn.execute(delete(User).where(User.id == 1))

print("3. the session renames ada and commits")
ada.name = "ada l."
try:
    session.commit()  # UPDATE ... WHERE id = 1 matches no row
except StaleDataError as error:
    print(f"{type(error).__name__}: {error}")
print("session.is_active:", session.is_active)
assert not session.is_active  # rollback() first, as after any failed flush
try:
    session.scalar(select(func.count(User.id)))
except PendingRollbackError as error:
    print("the next query:", type(error).__name__)

print("4. rollback(), and look for the row again")
session.rollback()
print("session.get(User, 1):", session.get(User, 1))
session.close()
# --8<-- [end:steps]
