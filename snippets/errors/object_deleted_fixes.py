"""Catch ObjectDeletedError, or ask session.get(), which returns None for a gone row."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, delete, inspect
from sqlalchemy.exc import InvalidRequestError
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
    session.add_all(
        [User(id=1, name="ada"), User(id=2, name="bob"), User(id=3, name="cy")]
    )
    session.commit()

# --8<-- [start:steps]
session = Session(engine)
ada, bob, cy = (session.get(User, user_id) for user_id in (1, 2, 3))
session.commit()  # expires the three
with engine.begin() as conn:  # another connection deletes every row
    conn.execute(delete(User))

print("1. catch the error where you read")
try:
    print("name:", ada.name)
except ObjectDeletedError:
    print("ada: her row is gone")

print("2. session.get() by primary key")
user = session.get(User, 2)  # bob is expired: get() loads his row, finds none
print("get(User, 2):", user)
print("bob deleted in the session:", inspect(bob).deleted)
assert user is None

print("3. refresh()")
try:
    session.refresh(cy)
except InvalidRequestError as error:
    print(f"{type(error).__name__}: {error}")
print("ObjectDeletedError is an InvalidRequestError too:", end=" ")
print(issubclass(ObjectDeletedError, InvalidRequestError))
session.close()
# --8<-- [end:steps]
