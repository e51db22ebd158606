"""On a SQLite file, a write fails with database is locked while another one is open."""

import atexit

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import OperationalError
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

# --8<-- [start:steps]
# timeout: how long sqlite3 waits for another connection's lock (default 5 seconds)
engine = create_engine(url, connect_args={"timeout": 0.1})
a, b = Session(engine), Session(engine)  # two connections, as two requests would have

print("1. A inserts a row and flushes: its write transaction stays open")
a.add(User(name="ada"))
a.flush()

print("2. B inserts a row and commits, while A's transaction is open")
b.add(User(name="grace"))
try:
    b.commit()
except OperationalError as error:
    print(f"    {type(error).__module__}.{type(error).__name__}:", error.args[0])
    b.rollback()

print("3. A commits; then B tries again, with the same 0.1 s timeout")
a.commit()
b.add(User(name="grace"))
b.commit()
names = b.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace"]
a.close()
b.close()
# --8<-- [end:steps]
