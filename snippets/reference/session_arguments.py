"""The Session arguments gone since 1.3 have replacements that do the same work."""

import atexit
import os

from sqlalchemy import String, create_engine, select, text
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
# Drop the tables when the script ends, through a separate engine
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add_all([User(name="ada"), User(name="grace")])
    session.commit()
    grace = session.get(User, 2)  # detached when the block closes the session

# --8<-- [start:steps]
session = Session(engine)
print("1. query(User): select(User), run by scalars() or execute()")
ada = session.scalars(select(User).where(User.name == "ada")).one()
print("ada:", ada.name)

print("2. execute(), scalar(), connection() with mapper=: bind_arguments")
count = text("SELECT count(*) FROM user_account")
print("users:", session.scalar(count, bind_arguments={"mapper": User}))
conn = session.connection(bind_arguments={"mapper": User})
print("connection from the engine:", conn.engine is engine)

print("3. is_modified(obj, passive=True): is_modified(obj)")
ada.name = "Ada"
print("is_modified:", session.is_modified(ada))

print("4. refresh(obj, lockmode='update'): refresh(obj, with_for_update=True)")
session.refresh(ada, with_for_update=True)  # FOR UPDATE where supported
print("name after refresh:", ada.name)
assert ada.name == "ada"  # reloaded from the row: the unflushed change is gone

print("5. merge(obj, False): merge(obj, load=False), a keyword since 2.0")
merged = session.merge(grace, load=False)
print("merged:", merged.name, "| the same object:", merged is grace)
print("the copy belongs to the session:", merged in session)
assert merged in session
session.close()
# --8<-- [end:steps]
