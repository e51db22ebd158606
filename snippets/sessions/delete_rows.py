import os
import re

from sqlalchemy import ForeignKey, String, create_engine, delete, event, inspect
from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm import relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # session.delete(user) also deletes the user's addresses
    addresses: Mapped[list["Address"]] = relationship(
        cascade="all, delete-orphan"
    )


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

with Session(engine) as session:
    addresses = [Address(email="ada@home"), Address(email="ada@work")]
    ada = User(name="ada", addresses=addresses)
    session.add_all([ada, User(name="bob"), User(name="cy"), User(name="dan")])
    session.commit()


def one_line(statement):
    """The SQL on one line, with each driver's placeholder (?, %(name)s::TYPE) shown as ?."""
    return re.sub(r"%\(\w+\)s(::\w+)?", "?", " ".join(statement.split()))


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", one_line(statement))


with Session(engine) as session:
    print("1. session.delete(obj), then commit")
    ada = session.scalars(select(User).where(User.name == "ada")).one()
    session.delete(ada)
    session.commit()
    print("ada is deleted:", inspect(ada).was_deleted)

    print("2. ORM delete by criteria with session.execute()")
    bob = session.scalars(select(User).where(User.name == "bob")).one()
    result = session.execute(delete(User).where(User.name.in_(["bob", "cy"])))
    print("rows deleted:", result.rowcount)
    print("bob marked deleted:", inspect(bob).deleted)
    session.commit()

print("3. Core delete on a Connection")
user_table = User.__table__
with engine.begin() as conn:  # begin(): commits when the block ends
    result = conn.execute(delete(user_table).where(user_table.c.name == "dan"))
    print("rows deleted:", result.rowcount)

event.remove(engine, "before_cursor_execute", show_sql)
with Session(engine) as session:
    users = session.scalars(select(User.name)).all()
    emails = session.scalars(select(Address.email)).all()
print("users and addresses left:", users, emails)
assert users == [] and emails == []

# leave no foreign key to user_account behind on a shared database
Base.metadata.drop_all(engine)
