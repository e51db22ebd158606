"""After database is locked on COMMIT itself, the session needs rollback() to go on."""

import atexit

from sqlalchemy import String, create_engine, func, select
from sqlalchemy.exc import InvalidRequestError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# SQLite only: the file app.db in the working directory, whatever DATABASE_URL says


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = "sqlite:///app.db"
Base.metadata.create_all(create_engine(url))
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(create_engine(url)) as session:
    session.add_all([User(name="ada"), User(name="grace")])
    session.commit()

COUNT = select(func.count()).select_from(User)

# --8<-- [start:steps]
engine = create_engine(url, connect_args={"timeout": 0.1})
a = Session(engine)

with engine.connect() as b:
    rows = b.execute(select(User.name))  # B is in the middle of reading
    print("1. A inserts a row and flushes, then commits while B is reading")
    a.add(User(name="linus"))
    a.flush()  # the INSERT goes through
    try:
        a.commit()  # COMMIT needs B to finish reading, in the default journal mode
    except OperationalError as error:
        print("    sqlalchemy.exc.OperationalError:", error.args[0])
    rows.close()

print("2. A runs a query, without rollback()")
try:
    a.scalar(COUNT)
except InvalidRequestError as error:
    message = str(error).splitlines()[0]
    print(f"    sqlalchemy.exc.{type(error).__name__}: {message}")
    assert "'prepared' state" in message

print("3. A rolls back, then runs the query")
a.rollback()
print("    rows:", a.scalar(COUNT))
a.close()
# --8<-- [end:steps]
