"""After a failed flush, the session refuses every statement until rollback()."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()

# --8<-- [start:steps]
session = Session(engine)
print("1. a flush fails; the code catches the error and carries on")
session.add(User(name="grace"))
session.add(User(name="ada"))  # the name is taken: the flush fails
try:
    session.flush()
except IntegrityError as error:
    print("flush():", type(error).__name__)

print("2. the next query, and commit()")
try:
    session.scalars(select(User)).all()
except PendingRollbackError as error:
    print("query:", type(error).__name__)
    print("    " + str(error).partition(" Original exception")[0])
try:
    session.commit()
except PendingRollbackError as error:
    print("commit():", type(error).__name__)
print("session.is_active:", session.is_active)
assert not session.is_active

print("3. rollback(), and the session works again")
session.rollback()
names = session.scalars(select(User.name)).all()
print("names:", names)
assert "grace" not in names  # rolled back with the rest of the failed flush
session.close()
# --8<-- [end:steps]
