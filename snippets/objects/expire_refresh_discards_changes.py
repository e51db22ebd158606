"""expire(), refresh() and expire_all() throw away changes that were not flushed yet."""

import atexit
import os

from sqlalchemy import String, create_engine
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
session = Session(engine)
ada = User(id=1, name="ada")
session.add(ada)
session.commit()

# --8<-- [start:steps]
print("1. a change, then expire()")
ada.name = "ada lovelace"
print("changed objects:", len(session.dirty))
session.expire(ada)
print("changed objects:", len(session.dirty), "| name:", ada.name)

print("2. a change, then refresh()")
ada.name = "ada lovelace"
session.refresh(ada)
print("name:", ada.name)
assert ada.name == "ada"  # the change never reached the database

print("3. a change, then expire_all()")
ada.name = "ada lovelace"
session.expire_all()
print("name:", ada.name)

print("4. flush() first, and the change survives")
ada.name = "ada lovelace"
session.flush()
session.refresh(ada)
print("name:", ada.name)
session.rollback()
session.close()
# --8<-- [end:steps]
