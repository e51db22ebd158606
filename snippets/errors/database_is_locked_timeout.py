"""On a SQLite file, a longer timeout lets a writer wait until the other one commits."""

import atexit
import threading
import time

from sqlalchemy import String, create_engine, select
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
# B may wait up to 30 seconds for A's lock: far longer than A will hold it
engine = create_engine(url, connect_args={"timeout": 30})
b_started = threading.Event()


def request_b():
    with Session(engine) as b:
        b.add(User(name="grace"))
        b_started.set()
        b.commit()  # waits while A holds the lock
        print("    B: commit went through")


print("1. A inserts a row and flushes: its write transaction stays open")
a = Session(engine)
a.add(User(name="ada"))
a.flush()

print("2. B, in another thread, inserts a row and commits")
thread = threading.Thread(target=request_b)
thread.start()
b_started.wait()
time.sleep(0.2)  # only lets B start waiting; the lock decides the order

print("3. A commits")
a.commit()
thread.join()
names = a.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace"]
a.close()
# --8<-- [end:steps]
