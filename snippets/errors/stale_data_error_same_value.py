"""An UPDATE that writes the values a row already has still counts as matched."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine
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


def rename_twice(second_engine, new_name):
    """Two sessions load user 1 and rename her to new_name; the second's error."""
    with Session(engine) as first, Session(second_engine) as second:
        first_ada = first.get(User, 1)
        second_ada = second.get(User, 1)
        first_ada.name = new_name
        first.commit()
        second_ada.name = new_name  # the row holds this name already
        try:
            second.commit()
        except StaleDataError as error:
            print(f"second commit(): {type(error).__name__}: {error}")
            return error
        print("second commit(): no error")
        return None


with Session(engine) as session:
    session.add(User(id=1, name="ada"))
    session.commit()

# --8<-- [start:steps]
print("1. two sessions give user 1 the same new name")
error = rename_twice(engine, "ada l.")
assert error is None

print("2. the same, the second engine's connect_args replacing client_flag")
if engine.dialect.name == "mysql":
    from pymysql.constants import CLIENT

    # connect_args replaces the flags SQLAlchemy sets, FOUND_ROWS among them
    flags = {"client_flag": CLIENT.MULTI_STATEMENTS}
    other_engine = create_engine(url, connect_args=flags)
    rename_twice(other_engine, "ada lovelace")
    other_engine.dispose()

    print("3. the same, with FOUND_ROWS added back")
    flags = {"client_flag": CLIENT.MULTI_STATEMENTS | CLIENT.FOUND_ROWS}
    other_engine = create_engine(url, connect_args=flags)
    rename_twice(other_engine, "countess lovelace")
    other_engine.dispose()
else:
    print("    (client_flag is a MariaDB and MySQL setting: nothing to do here)")
# --8<-- [end:steps]
