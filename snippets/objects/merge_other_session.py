"""An object another open session holds: add() refuses it, merge() copies it."""

import atexit
import os

from sqlalchemy import String, create_engine
from sqlalchemy.exc import InvalidRequestError
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
    session.add(User(id=1, name="ada"))
    session.commit()

# --8<-- [start:steps]
first = Session(engine)
second = Session(engine)
print("1. the first session loads ada; we rename her")
ada = first.get(User, 1)
ada.name = "ada l."

print("2. second.add(ada)")
try:
    second.add(ada)
except InvalidRequestError as error:
    print("InvalidRequestError:", error)

print("3. second.merge(ada), and commit()")
copy = second.merge(ada)  # loads row 1 in the second session, copies ada's
print("copy is ada:", copy is ada)
print("copy.name:", copy.name)
second.commit()
print("ada still in the first session:", ada in first)
print("ada still has a change to flush there:", ada in first.dirty)
assert ada in first
first.close()
second.close()
# --8<-- [end:steps]
