"""expunge() then add(), merge(), or a primary key: each lets a second session save."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    object_session,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


def saved_name():
    with Session(engine) as session:
        return session.scalars(select(User.name)).one()


# --8<-- [start:steps]
print("1. expunge() it from the first session (or close that one), then add()")
with Session(engine) as first, Session(engine) as second:
    ada = first.scalars(select(User)).one()
    first.expunge(ada)
    second.add(ada)
    print("ada's session is the second:", object_session(ada) is second)
    assert object_session(ada) is second
    ada.name = "ada lovelace"
    second.commit()
print("saved:", saved_name())

print("2. merge(): the second session works on its own copy")
with Session(engine) as first, Session(engine) as second:
    ada = first.scalars(select(User)).one()
    copy = second.merge(ada)
    print("copy is ada:", copy is ada)
    assert copy is not ada
    print("ada's session is still the first:", object_session(ada) is first)
    copy.name = "ada king"
    second.commit()
print("saved:", saved_name())

print("3. pass the primary key; load the row in the session doing the work")
with Session(engine) as first:
    ada_id = first.scalars(select(User)).one().id
with Session(engine) as second:
    ada = second.get(User, ada_id)
    ada.name = "ada, countess of lovelace"
    second.commit()
print("saved:", saved_name())
# --8<-- [end:steps]
