import os

from sqlalchemy import ForeignKey, String, create_engine, delete, inspect
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


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def tables():
    # a fresh Inspector each time: an Inspector caches what it has read
    names = inspect(engine).get_table_names()
    return sorted(name for name in names if name in Base.metadata.tables)


print("tables:", tables())

print("1. the 1.3 answer: delete(table, whereclause, bind=...)")
user_table = User.__table__
failures = 0
for old_call in (
    lambda: delete(user_table, user_table.c.id == 1),
    lambda: delete(user_table, bind=engine),
):
    try:
        old_call()
    except TypeError as error:
        failures += 1
        print(type(error).__name__ + ":", error)
assert failures == 2

print("2. drop one table")
Note.__table__.drop(engine)
print("has_table('note'):", inspect(engine).has_table("note"))
assert not inspect(engine).has_table("note")
try:
    Note.__table__.drop(engine)  # Table.drop(): checkfirst is False by default
except DBAPIError as error:
    statement = error.statement.strip()
    print("dropping it again fails:", type(error).__name__, "from", statement)
Note.__table__.drop(engine, checkfirst=True)  # skips a table that is not there
print("drop(checkfirst=True) on the missing table: no error")

print("3. drop every table of the metadata")
# drop_all(): checkfirst is True by default; children are dropped first
Base.metadata.drop_all(engine)
print("tables:", tables())
assert tables() == []
