import os
import re

from sqlalchemy import ForeignKey, String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship()


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

# Keep each statement up to its table name: the rest differs between databases.
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")
statements = []


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    statements.append(SQL_HEAD.match(" ".join(statement.split())).group())
    print("    SQL:", statements[-1])


with Session(engine) as session:
    print("1. add the address before its user")
    ada = User(name="ada")
    address = Address(email="ada@example.com", user=ada)
    session.add(address)
    session.add(ada)
    session.flush()
    print("address.user_id is ada.id:", address.user_id == ada.id)
    assert address.user_id == ada.id

    print("2. delete the user before its address")
    session.delete(ada)
    session.delete(address)
    session.commit()

assert statements == [
    "INSERT INTO user_account",
    "INSERT INTO address",
    "DELETE FROM address",
    "DELETE FROM user_account",
]
# Leave no foreign key to user_account behind on a shared database.
event.remove(engine, "before_cursor_execute", show_sql)
Base.metadata.drop_all(engine)
