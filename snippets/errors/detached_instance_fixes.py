import os
import re

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="ada", addresses=[Address(email="ada@example.com")]))
    session.commit()

# Print each statement up to its table name: the rest differs between databases.
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


ada = select(User).where(User.name.startswith("ada"))
results = []


def read_emails(user):
    emails = [address.email for address in user.addresses]
    print("emails:", emails)
    results.append(emails)

print("1. eager load: selectinload() fetches the addresses with the user")
with Session(engine) as session:
    user = session.scalars(ada.options(selectinload(User.addresses))).one()
read_emails(user)  # after the with-block: the session is closed

print("2. do the work while the session is open")
with Session(engine) as session:
    user = session.scalars(ada).one()
    read_emails(user)  # lazy load, inside the session

print("3. expire_on_commit=False: commit() keeps the loaded values")
with Session(engine, expire_on_commit=False) as session:
    user = session.scalars(ada.options(selectinload(User.addresses))).one()
    user.name = "ada lovelace"
    session.commit()
print("after the session:", user.name)
read_emails(user)

print("4. attach the detached object to a new session")
with Session(engine) as session:
    user = session.scalars(ada).one()
with Session(engine) as session:
    session.add(user)  # or: user = session.merge(user)
    read_emails(user)

assert results == [["ada@example.com"]] * 4

# Leave no foreign key to user_account behind on a shared database.
event.remove(engine, "before_cursor_execute", show_sql)
Base.metadata.drop_all(engine)
