import os

from sqlalchemy import String, create_engine, exc, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
messages = []


def attempt(step, action):
    try:
        action()
    except exc.ResourceClosedError as error:
        message = str(error).split(" (Background")[0]
        messages.append(message)
        print(f"{step}: {type(error).__name__}: {message}")


with engine.begin() as conn:
    conn.execute(insert(User), [{"name": "ada"}, {"name": "grace"}])
    result = conn.execute(update(User).values(name="ADA").where(User.name == "ada"))
    attempt("1. rows of an UPDATE", result.all)
    print("   fixed: rows changed =", result.rowcount)

    result = conn.execute(select(User.name).order_by(User.id))
    result.close()
    attempt("2. rows after result.close()", result.all)
    result = conn.execute(select(User.name).order_by(User.id))
    print("   fixed: read while open =", result.scalars().all())
    again = result.all()  # read to the end: closed softly, no error
    print("   reading it again gives", again)

with Session(engine) as session:
    transaction = session.begin()
    session.add(User(name="linus"))
    session.commit()  # ends the transaction that `transaction` refers to
    attempt("3. transaction.commit() after session.commit()", transaction.commit)
    with session.begin():  # fixed: one owner of the transaction, one commit
        session.add(User(name="guido"))
    print("   fixed: users =", session.scalars(select(User.name).order_by(User.id)).all())

assert again == [] and messages == [
    "This result object does not return rows. It has been closed automatically.",
    "This result object is closed.",
    "This transaction is closed",
]
