"""The session drops objects you stop using, but holds changed ones until a flush."""

import atexit
import os

from sqlalchemy import String, create_engine, insert, select
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
with Session(engine) as session:
    session.execute(insert(User), [{"name": f"user {i}"} for i in range(1000)])
    session.commit()


# --8<-- [start:steps]
def total_length(session):
    """Reads every user and keeps none of them."""
    return sum(len(user.name) for user in session.scalars(select(User)))


def shout_all(session):
    """Changes every user and keeps none of them."""
    for user in session.scalars(select(User)):
        user.name = user.name.upper()


session = Session(engine)
print("1. read 1000 users, keep none")
total_length(session)
print("objects in the session:", len(session.identity_map))

print("2. read 1000 users into a list")
users = session.scalars(select(User)).all()
print("objects in the session:", len(session.identity_map))
del users  # the list was what kept them
print("after del users:", len(session.identity_map))

print("3. change 1000 users, keep none")
shout_all(session)
print("objects in the session:", len(session.identity_map))
print("of them in session.dirty:", len(session.dirty))
assert len(session.identity_map) == 1000

print("4. flush(): the changes go to the database")
session.flush()
print("objects in the session:", len(session.identity_map))
session.commit()
session.close()
# --8<-- [end:steps]
