import os

from sqlalchemy import String, create_engine, func, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(String(50), deferred=True)  # loaded on first access


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def read(obj, attribute):
    try:
        return repr(getattr(obj, attribute))
    except DetachedInstanceError:
        return "DetachedInstanceError"


with Session(engine) as session:
    session.add(User(name="ada", bio="mathematician"))
    session.commit()

print("1. expunge a persistent object")
session = Session(engine)
ada = session.scalars(select(User).where(User.name == "ada")).one()
session.expunge(ada)
print("detached:", inspect(ada).detached)
print("ada.name (loaded):", read(ada, "name"))
print("ada.bio (never loaded):", read(ada, "bio"))

print("2. expunge after commit() expired everything")
grace = User(name="grace", bio="admiral")
session.add(grace)
session.commit()
session.expunge(grace)
print("grace.name (expired):", read(grace, "name"))

print("3. expunge a pending object")
linus = User(name="linus", bio="kernel")
session.add(linus)
session.expunge(linus)
print("transient:", inspect(linus).transient)
session.commit()  # nothing to insert for linus
print("rows:", session.scalar(select(func.count()).select_from(User)))

print("4. expunge_all() keeps the transaction, close() ends it")
session.scalars(select(User)).all()
session.expunge_all()
print("after expunge_all(): in transaction =", session.in_transaction())
session.close()
print("after close():       in transaction =", session.in_transaction())

assert read(ada, "name") == "'ada'" and read(ada, "bio") == "DetachedInstanceError"
assert read(grace, "name") == "DetachedInstanceError" and inspect(linus).transient
