import os
import re

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import IntegrityError
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


# Print savepoint statements, and others up to their table name.
SQL_HEAD = re.compile(r"(INSERT INTO|SELECT .*? FROM) \w+|.*SAVEPOINT \w+")


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


event.listen(engine, "commit", lambda conn: print("    COMMIT"))
event.listen(engine, "rollback", lambda conn: print("    ROLLBACK"))


def add_user(name):
    """One unit of work: its own session, committed or rolled back as a whole."""
    try:
        with Session(engine) as session, session.begin():
            session.add(User(name=name))
    except IntegrityError:
        return "taken"
    return "saved"


print("1. a with-block per unit of work: a failure cannot leak into the next one")
for name in ["grace", "ada", "linus"]:
    print(f"{name}: {add_user(name)}")

print("2. a savepoint: undo only the failed part and keep the transaction")
with Session(engine) as session:
    session.add(User(name="guido"))
    for name in ["ada", "barbara"]:
        try:
            with session.begin_nested():
                session.add(User(name=name))
        except IntegrityError:
            print(f"{name}: taken")
    names = session.scalars(select(User.name).order_by(User.id)).all()
    session.commit()
print("names:", names)
assert names == ["ada", "grace", "linus", "guido", "barbara"]
