"""An expunged object keeps its loaded values; reading an unloaded one raises."""

import atexit
import os

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(String(50), deferred=True)  # loaded on access


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada", bio="mathematician"))
    session.commit()

# --8<-- [start:steps]
session = Session(engine)
print("1. expunge a loaded object")
ada = session.scalars(select(User).where(User.name == "ada")).one()
session.expunge(ada)
print("detached:", inspect(ada).detached)
print("ada.name (loaded):", ada.name)
try:
    ada.bio  # deferred: never loaded, and no session to load it with
except DetachedInstanceError as error:
    print("ada.bio (never loaded):", type(error).__name__)

print("2. expunge after commit() expired everything")
grace = User(name="grace", bio="admiral")
session.add(grace)
session.commit()
session.expunge(grace)
try:
    grace.name
except DetachedInstanceError as error:
    print("grace.name (expired):", type(error).__name__)
session.close()
# --8<-- [end:steps]
