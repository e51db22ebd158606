"""The same error reports a result, or a session's transaction, used after its end."""

import atexit
import os

from sqlalchemy import String, create_engine, insert, select, update
from sqlalchemy.exc import ResourceClosedError
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
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with engine.begin() as conn:
    conn.execute(insert(User), [{"name": "ada"}, {"name": "grace"}])

# --8<-- [start:steps]
with engine.begin() as conn:
    print("1. rows asked of an UPDATE")
    statement = update(User).where(User.name == "ada").values(name="ADA")
    result = conn.execute(statement)
    try:
        result.all()  # an UPDATE without RETURNING has no rows
    except ResourceClosedError as error:
        print("result.all():", type(error).__name__ + ":", error)
    print("fixed, result.rowcount:", result.rowcount)

    print("2. rows asked of a result after result.close()")
    result = conn.execute(select(User.name).order_by(User.id))
    result.close()
    try:
        result.all()  # closed by the line above
    except ResourceClosedError as error:
        print("result.all():", type(error).__name__ + ":", error)
    result = conn.execute(select(User.name).order_by(User.id))
    print("fixed, read while open:", result.all())
    again = result.all()  # read to the end, so closed softly: no error
    print("read again:", again)
    assert again == []

with Session(engine) as session:
    print("3. the object from session.begin(), after session.commit()")
    transaction = session.begin()
    session.add(User(name="linus"))
    session.commit()  # ends the transaction that `transaction` refers to
    try:
        transaction.commit()  # a second commit, of a transaction already ended
    except ResourceClosedError as error:
        print("transaction.commit():", type(error).__name__ + ":", error)
    with session.begin():  # fixed: one owner of the transaction, one commit
        session.add(User(name="guido"))
    names = session.scalars(select(User.name).order_by(User.id)).all()
    print("fixed, names:", names)
# --8<-- [end:steps]
