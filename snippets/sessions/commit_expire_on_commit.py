"""expire_on_commit=False keeps the values an object had at commit, never refreshed."""

import atexit
import os

from sqlalchemy import String, create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))


# --8<-- [start:steps]
def create_user(name, **session_options):
    with Session(engine, **session_options) as session:
        user = User(name=name)
        session.add(user)
        session.commit()
    return user  # the with-block has closed the session: user is detached


print("1. default expire_on_commit=True")
ada = create_user("ada")
try:
    ada.name  # expired by commit, and no session is left to load it
except DetachedInstanceError as error:
    print("ada.name:", type(error).__name__)
    print("   ", error)

print("2. expire_on_commit=False")
grace = create_user("grace", expire_on_commit=False)
print("grace.name:", grace.name)
assert grace.name == "grace"

print("3. the price: nothing refreshes the object after commit")
with Session(engine) as session, session.begin():
    session.execute(update(User).where(User.id == grace.id).values(name="grace hopper"))
with Session(engine) as session:
    print("in the database:", session.get(User, grace.id).name)
print("the kept object:", grace.name)
assert grace.name == "grace"
# --8<-- [end:steps]
