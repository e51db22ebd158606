"""With version_id_col, the later of two sessions changing a row gets StaleDataError."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    credits: Mapped[int]
    version: Mapped[int] = mapped_column()
    __mapper_args__ = {"version_id_col": version}  # 1, 2, 3... set by the ORM


folder = tempfile.TemporaryDirectory()  # SQLite: a file, so two connections share it
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/users.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(id=1, name="ada", credits=10))
    session.commit()


@event.listens_for(engine, "before_cursor_execute")
def show_update(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE"):  # the version it sets, and the one it asks for
        values = context.compiled_parameters[0]
        print(
            f"    SQL: UPDATE ... SET version={values['version']}",
            f"WHERE id={values['user_account_id']}",
            f"AND version={values['user_account_version']}",
        )


# --8<-- [start:steps]
def spend(session, amount):
    user = session.get(User, 1)
    user.credits -= amount  # computed from the value this session read


first = Session(engine)
second = Session(engine)
print("1. both sessions load ada: 10 credits, version 1")
first_ada = first.get(User, 1)
second_ada = second.get(User, 1)

print("2. the first spends 3, and commits")
spend(first, 3)
first.commit()
print("version now:", first_ada.version)

print("3. the second spends 5 from the 10 it read, and commits")
spend(second, 5)
try:
    second.commit()  # its UPDATE asks for version 1, which is gone
except StaleDataError as error:
    print(f"{type(error).__name__}: {error}")
    assert "0 were matched" in str(error)

print("4. the second rolls back, reloads, and spends 5 again")
second.rollback()  # expires second_ada: the next read loads the row again
print("credits:", second_ada.credits, "version:", second_ada.version)
spend(second, 5)
second.commit()
print("credits:", second_ada.credits, "version:", second_ada.version)
first.close()
second.close()
# --8<-- [end:steps]
