"""expunge_all() keeps the session small only by dropping what was not saved."""

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


def count_rows():
    with Session(engine) as session:
        return session.scalar(select(func.count(User.id)))


# --8<-- [start:steps]
def import_users(count, every, commit):
    """Adds count users; every so many, commit() if asked, then expunge_all().
    Returns the most objects that expunge_all() found in the session."""
    most = 0
    with Session(engine) as session:
        for i in range(count):
            session.add(User(name=f"user {i}"))
            if (i + 1) % every == 0:
                if commit:
                    session.commit()
                most = max(most, len(session.identity_map) + len(session.new))
                session.expunge_all()
        session.commit()
    return most


print("1. import 1000 users, expunge_all() every 100, commit() at the end")
most = import_users(1000, 100, commit=False)
print("most objects expunge_all() took out:", most)
rows = count_rows()
print("rows in the table:", rows)
assert rows == 0  # the pending users left the session unsaved

print("2. import 1000 users, commit() and then expunge_all() every 100")
most = import_users(1000, 100, commit=True)
print("most objects expunge_all() took out:", most)
print("rows in the table:", count_rows())
# --8<-- [end:steps]
