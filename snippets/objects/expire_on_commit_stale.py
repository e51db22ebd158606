"""With expire_on_commit=False, a query after commit() keeps the values from before."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # SQLite: a file, so two engines share it
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/users.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
other_engine = create_engine(url)  # stands for another process


def rename(user_id, name):
    """Another process renames the user, in a transaction of its own, and commits."""
    with Session(other_engine) as other, other.begin():
        other.execute(update(User).where(User.id == user_id).values(name=name))
    print(f"    another process: renamed to {name!r}, committed")


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
def name_after_commit(**session_options):
    with Session(engine, **session_options) as session:
        user = User(name="ada")
        session.add(user)
        session.flush()  # the INSERT, which gives the user its id
        user_id = user.id
        session.commit()
        rename(user_id, "ada lovelace")
        query = select(User).where(User.id == user_id)
        return session.scalars(query).one().name  # in a new transaction


print("1. the default, expire_on_commit=True")
print("name:", name_after_commit())
print("2. expire_on_commit=False")
name = name_after_commit(expire_on_commit=False)
print("name:", name)
assert name == "ada"  # loaded before commit(), kept by the query after it
# --8<-- [end:steps]
