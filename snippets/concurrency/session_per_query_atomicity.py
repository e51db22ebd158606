"""A session per query commits each write alone: a later failure leaves the first."""

import atexit
import os

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Email(Base):
    __tablename__ = "email"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    address: Mapped[str] = mapped_column(String(100), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
new_session = sessionmaker(engine, expire_on_commit=False)
with new_session.begin() as session:
    linus = User(name="linus")
    session.add(linus)
    session.flush()
    session.add(Email(user_id=linus.id, address="linus@example.com"))


def users_without_email():
    with new_session() as session:
        query = select(User.name).outerjoin(Email).where(Email.id.is_(None))
        return session.scalars(query).all()


# --8<-- [start:steps]
print("1. sign-up with a session per query: the e-mail address is taken")


def save(obj):  # each write in a session and transaction of its own
    with new_session.begin() as session:
        session.add(obj)


ada = User(name="ada")
save(ada)  # committed here
try:
    save(Email(user_id=ada.id, address="linus@example.com"))
except IntegrityError as error:
    print("second write:", type(error).__name__)
print("users without an e-mail:", users_without_email())
assert users_without_email() == ["ada"]

print("2. the same sign-up as one unit of work")
try:
    with new_session.begin() as session:  # one transaction for both writes
        grace = User(name="grace")
        session.add(grace)
        session.flush()
        session.add(Email(user_id=grace.id, address="linus@example.com"))
except IntegrityError as error:
    print("second write:", type(error).__name__)
print("users without an e-mail:", users_without_email())
# --8<-- [end:steps]
