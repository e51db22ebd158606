import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError, InvalidRequestError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()

session = Session(engine)

print("1. a flush fails, the code catches the error and carries on")
session.add(User(name="grace"))
session.add(User(name="ada"))  # the name is taken: the INSERT breaks the unique constraint
try:
    session.flush()
except IntegrityError as error:
    print("flush():", type(error).__name__)

try:
    session.scalars(select(User.name)).all()  # any further use of the session
except PendingRollbackError as error:
    message = str(error)
    print("next query:", type(error).__name__)
    print("   ", message[: message.index(" Original exception")])
    print("    is an InvalidRequestError:", isinstance(error, InvalidRequestError))
else:
    raise AssertionError("the session should refuse to run the query")
try:
    session.commit()
except PendingRollbackError as error:
    print("commit():", type(error).__name__)
else:
    raise AssertionError("the session should refuse to commit")
assert not session.is_active

print("2. the fix: rollback(), then the session works again")
session.rollback()
print("names after rollback():", session.scalars(select(User.name).order_by(User.id)).all())
session.add(User(name="grace"))  # grace was rolled back with the failed flush
session.commit()
names = session.scalars(select(User.name).order_by(User.id)).all()
print("names after a new commit:", names)
session.close()
assert names == ["ada", "grace"]
