"""With a SAVEPOINT open, Session.commit() and rollback() end the whole transaction."""

import atexit
import os

from sqlalchemy import String, create_engine, select
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


# --8<-- [start:steps]
def add_outer_then_inner(session, step):
    """Flush one row, then one more in a SAVEPOINT; return the SAVEPOINT."""
    session.add(User(name=f"outer {step}"))
    session.flush()
    savepoint = session.begin_nested()
    session.add(User(name=f"inner {step}"))
    session.flush()
    return savepoint


session = Session(engine)
print("1. session.commit(), then rollback()")
add_outer_then_inner(session, 1)
session.commit()  # in 1.3: released the SAVEPOINT only
session.rollback()  # in 1.3: rolled back both rows
names = session.scalars(select(User.name).order_by(User.id)).all()
print("rows:", names)
assert names == ["outer 1", "inner 1"]  # commit() committed both

print("2. session.rollback(), then commit()")
add_outer_then_inner(session, 2)
session.rollback()  # in 1.3: rolled back to the SAVEPOINT only
session.commit()  # in 1.3: committed outer 2
names = session.scalars(select(User.name).order_by(User.id)).all()
print("rows:", names)
assert names == ["outer 1", "inner 1"]  # rollback() rolled back both

print("3. to end only the SAVEPOINT, call the object begin_nested() returned")
savepoint = add_outer_then_inner(session, 3)
savepoint.rollback()
session.commit()
names = session.scalars(select(User.name).order_by(User.id)).all()
print("rows:", names)
assert names == ["outer 1", "inner 1", "outer 3"]  # only inner 3 was rolled back
session.close()
# --8<-- [end:steps]
