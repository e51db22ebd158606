"""After invalidate() in a transaction, this error is the first one the code sees."""

import atexit
import os
import tempfile

from sqlalchemy import String, create_engine, event, exc, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()  # a file: a new connection sees the same data
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/invalidate.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))

for name in ("connect", "invalidate"):  # print the pool's events
    event.listen(engine, name, lambda *args, name=name: print("    pool:", name))

# --8<-- [start:steps]
with engine.connect() as conn:
    print("1. a transaction inserts a row, then the code invalidates the connection")
    conn.execute(insert(User).values(name="ada"))
    conn.invalidate()  # no error: the connection was fine

    print("2. the next statement")
    try:
        conn.execute(select(User.name))
    except exc.PendingRollbackError as error:
        print(f"{type(error).__name__}: {error}")

    print("3. rollback(), and the next statement gets a new connection")
    conn.rollback()
    count = conn.scalar(select(func.count()).select_from(User))
    print("users:", count)
    assert count == 0  # the inserted row was lost with the connection
# --8<-- [end:steps]
