"""session.rollback() undoes the whole transaction, not just the open savepoint."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


def names():
    with Session(engine) as session:
        return session.scalars(select(User.name).order_by(User.id)).all()


# --8<-- [start:steps]
rounds = [("session.rollback()", "grace"), ("savepoint.rollback()", "linus")]
for undo, name in rounds:
    print(f"{undo}: {name}, then a savepoint with a second ada")
    with Session(engine) as session:
        session.add(User(name=name))
        session.flush()
        savepoint = session.begin_nested()
        session.add(User(name="ada"))  # the name is taken
        try:
            session.flush()
        except IntegrityError:
            if undo == "session.rollback()":
                session.rollback()  # the whole transaction, grace too
            else:
                savepoint.rollback()  # back to the savepoint only
        print("    in a transaction:", session.in_transaction())
        session.commit()
    print("    names:", names())
    if undo == "session.rollback()":
        assert names() == ["ada"]  # grace went with the transaction
# --8<-- [end:steps]
