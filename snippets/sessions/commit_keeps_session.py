import os
import re

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

# Print each statement up to its table name: the rest differs between databases.
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


@event.listens_for(engine, "commit")
def show_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


session = Session(engine)
ada = User(name="ada")
session.add(ada)
print("1. commit()")
session.commit()
print("in a transaction:", session.in_transaction())
print("ada still in the session:", ada in session, "| persistent:", inspect(ada).persistent)
print("ada's unloaded attributes:", sorted(inspect(ada).unloaded))
assert not session.in_transaction() and inspect(ada).persistent
assert inspect(ada).unloaded == {"id", "name"}

print("2. the next use autobegins a transaction and reloads ada")
print("ada.name:", ada.name)
print("in a transaction:", session.in_transaction())
assert session.in_transaction() and not inspect(ada).unloaded

print("3. commit again and keep using the same Session")
ada.name = "ada lovelace"
session.commit()
print("names:", session.scalars(select(User.name)).all())

print("4. close() detaches the objects; commit() did not")
session.close()
print("ada still in the session:", ada in session, "| detached:", inspect(ada).detached)
assert inspect(ada).detached
