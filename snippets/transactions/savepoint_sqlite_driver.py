"""Python's sqlite3 driver begins no transaction for SAVEPOINT, so RELEASE commits."""

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

# --8<-- [start:steps]
with Session(engine) as session:
    print("1. a savepoint per row, nothing written before the first one")
    for name in ["grace", "ada", "linus"]:
        try:
            with session.begin_nested():
                session.add(User(name=name))
        except IntegrityError:
            print(f"{name}: taken")
    print("2. rollback() instead of commit()")
    session.rollback()

with Session(engine) as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("rows after rollback():", names)
on_sqlite = engine.dialect.name == "sqlite"
assert names == (["ada", "grace"] if on_sqlite else ["ada"])  # grace stays
# --8<-- [end:steps]
