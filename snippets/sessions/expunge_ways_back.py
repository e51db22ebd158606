import os

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, make_transient, mapped_column


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
with Session(engine) as session:
    session.add(User(name="ada", bio="mathematician"))
    session.commit()


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


def load_ada(session):
    return session.scalars(select(User).where(User.name.startswith("ada"))).one()


print("1. add() attaches a detached object again")
session = Session(engine)
ada = load_ada(session)
session.expunge(ada)
session.add(ada)
print("persistent:", inspect(ada).persistent)
print("bio (deferred) loads now:", ada.bio)
session.close()  # ada is detached again, its loaded values stay

print("2. merge() copies a detached object into a session")
ada.name = "ada lovelace"  # changed while detached
with Session(engine) as session:
    merged = session.merge(ada)
    print("merged is ada:", merged is ada)
    print("ada detached:", inspect(ada).detached, "| merged persistent:", inspect(merged).persistent)
    session.commit()

print("3. make_transient() forgets the row")
with Session(engine) as session:
    copy = load_ada(session)
    make_transient(copy)
    print("transient:", inspect(copy).transient, "| bio (not loaded):", copy.bio)
    copy.id = None  # let the database assign a new primary key
    copy.name, copy.bio = "ada (copy)", "copied"
    session.add(copy)
    session.commit()
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)

assert merged is not ada and names == ["ada lovelace", "ada (copy)"]
