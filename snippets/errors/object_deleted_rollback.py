"""An object loaded from a row that a rollback took away raises ObjectDeletedError."""

import atexit
import os

from sqlalchemy import String, create_engine, insert, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))

# --8<-- [start:steps]
session = Session(engine)
print("1. an INSERT statement, then the ORM loads the new row")
session.execute(insert(User).values(id=1, name="ada"))
ada = session.get(User, 1)

print("2. rollback()")
session.rollback()  # the row is gone; ada is expired, and still persistent
print("ada persistent:", inspect(ada).persistent)

print("3. read ada.name")
try:
    ada.name
except ObjectDeletedError as error:
    print(f"{type(error).__name__}: {error}")
    assert "has been deleted" in str(error)
session.close()
# --8<-- [end:steps]
