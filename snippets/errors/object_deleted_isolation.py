"""Within one transaction, a REPEATABLE READ snapshot still shows a deleted row."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, delete
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


def read_name(user):
    try:
        return user.name
    except ObjectDeletedError as error:
        return type(error).__name__


# --8<-- [start:steps]
session = Session(engine)
print("1. the session loads user 1; another connection deletes the row")
ada = session.get(User, 1)
with engine.begin() as conn:
    conn.execute(delete(User).where(User.id == 1))

print("2. expire(ada) and read her name, in the same transaction")
session.expire(ada)
name = read_name(ada)
print("ada.name:", name)
assert (name == "ada") == (engine.dialect.name == "mysql")  # REPEATABLE READ

print("3. commit(), and read it again in a new transaction")
session.commit()
print("ada.name:", read_name(ada))
session.close()
# --8<-- [end:steps]
