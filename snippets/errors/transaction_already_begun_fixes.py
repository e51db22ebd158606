"""Begin once per transaction: end the old one first, or nest a savepoint in it."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


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
SessionFactory = sessionmaker(engine)

# --8<-- [start:steps]
print("1. end the autobegun transaction with commit(), then begin()")
with SessionFactory() as session:
    session.scalars(select(User)).all()
    session.commit()  # or rollback(): no transaction now
    with session.begin():
        session.add(User(name="ada"))

print("2. begin() as the first thing a fresh session does")
with SessionFactory() as session, session.begin():
    session.add(User(name="grace"))

print("3. inside a transaction: begin_nested(), a SAVEPOINT")
with SessionFactory.begin() as session:
    with session.begin_nested():
        session.add(User(name="linus"))


def save_user(session, name):
    session.add(User(name=name))  # no begin(): the caller owns the transaction


print("4. a helper that uses the transaction it is given")
with SessionFactory.begin() as session:
    print("in a transaction:", session.in_transaction())
    save_user(session, "guido")

with SessionFactory() as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace", "linus", "guido"]
# --8<-- [end:steps]
