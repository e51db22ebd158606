import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, object_session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


def load_ada(session):
    return session.scalars(select(User).where(User.name.startswith("ada"))).one()


saved = []


def show_saved_name():
    with Session(engine) as session:
        saved.append(load_ada(session).name)
    print("   saved:", saved[-1])


print("1. expunge() it from the first session (or close that one), then add()")
with Session(engine) as first, Session(engine) as second:
    ada = load_ada(first)
    first.expunge(ada)
    second.add(ada)
    print("in the second session:", object_session(ada) is second)
    ada.name = "ada lovelace"
    second.commit()
show_saved_name()

print("2. merge(): the second session works on its own copy")
with Session(engine) as first, Session(engine) as second:
    ada = load_ada(first)
    copy = second.merge(ada)
    print("copy is ada:", copy is ada, "| ada still in the first:", object_session(ada) is first)
    copy.name = "ada king"
    second.commit()
show_saved_name()

print("3. pass the primary key, and load the row in the session that does the work")
with Session(engine) as first:
    ada_id = load_ada(first).id
with Session(engine) as second:
    ada = second.get(User, ada_id)
    ada.name = "ada, countess of lovelace"
    second.commit()
show_saved_name()

assert saved == ["ada lovelace", "ada king", "ada, countess of lovelace"]
