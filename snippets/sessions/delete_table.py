"""Table.drop() and MetaData.drop_all() remove tables; delete() only removes rows."""

import atexit
import os

from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends (if the example did not get that far)
atexit.register(Base.metadata.drop_all, create_engine(url))

# --8<-- [start:steps]
print("1. drop one table")
inspector = inspect(engine)
print("has_table('note'):", inspector.has_table("note"))
Note.__table__.drop(engine)
print("after drop(), same inspector:", inspector.has_table("note"))  # cached
print("after drop(), new inspector:", inspect(engine).has_table("note"))
assert not inspect(engine).has_table("note")

print("2. drop it again")
try:
    Note.__table__.drop(engine)  # Table.drop(): checkfirst is False by default
except DBAPIError as error:
    print("drop():", type(error).__name__, "from", error.statement.strip())
Note.__table__.drop(engine, checkfirst=True)  # skips a table that is not there
print("drop(checkfirst=True): no error")

print("3. drop every table of the metadata")
Base.metadata.create_all(engine)
Base.metadata.drop_all(engine)  # checks first; drops note before user_account
tables = inspect(engine).get_table_names()
print("tables:", tables)
assert tables == []
# --8<-- [end:steps]
