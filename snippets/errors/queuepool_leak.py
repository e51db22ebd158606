import os
import tempfile

from sqlalchemy import String, create_engine, exc, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()
# A file database, so that SQLite gets a QueuePool like a server database.
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/leak.db")
# At most 2 + 1 = 3 connections, and give up after 0.1 s instead of 30 s.
engine = create_engine(url, pool_size=2, max_overflow=1, pool_timeout=0.1)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

leaked = []  # stands for whatever keeps a session alive: a global, a cache, a thread


def count_users_leaky():
    session = Session(engine)
    leaked.append(session)
    return session.scalar(select(func.count()).select_from(User))  # never closed


def count_users():
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


print("1. sessions that are never closed keep their connections")
limit_error = None
for call in range(1, 5):
    try:
        count_users_leaky()
    except exc.TimeoutError as error:
        limit_error = error
        print(f"call {call}: {type(error).__name__}")
        print("    message:", str(error).split(" (Background")[0])
        print("    pool:", engine.pool.status())
        break
    print(f"call {call}: ok, checked out: {engine.pool.checkedout()}")
assert call == 4 and "QueuePool limit of size 2 overflow 1 reached" in str(limit_error)

for session in leaked:
    session.close()
print("after closing them, checked out:", engine.pool.checkedout())

print("2. with-blocks return the connection every time")
for call in range(1, 11):
    count_users()
print(f"10 calls: ok, checked out: {engine.pool.checkedout()}, in the pool: {engine.pool.checkedin()}")
assert engine.pool.checkedout() == 0
engine.dispose()
folder.cleanup()
