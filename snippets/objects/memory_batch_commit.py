"""Committing every 100 rows keeps at most 100 new objects in the session."""

import atexit
import os

from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))


# --8<-- [start:steps]
def import_users(count, every_100_rows=None):
    """Adds count new users; returns the most objects the session held."""
    most = 0
    with Session(engine) as session:
        for i in range(count):
            session.add(User(name=f"user {i}"))
            held = len(session.new) + len(session.identity_map)
            most = max(most, held)
            if every_100_rows and (i + 1) % 100 == 0:
                every_100_rows(session)
        session.commit()
    return most


print("1. import 1000 users, commit() once at the end")
print("most objects in the session:", import_users(1000))

print("2. import 1000 users, commit() every 100")
most = import_users(1000, every_100_rows=lambda session: session.commit())
print("most objects in the session:", most)
assert most == 100

print("3. import 1000 users, flush() every 100, commit() at the end")
most = import_users(1000, every_100_rows=lambda session: session.flush())
print("most objects in the session:", most)

with Session(engine) as session:
    print("rows in the table:", session.scalar(select(func.count(User.id))))
# --8<-- [end:steps]
