import os
import re

from sqlalchemy import String, create_engine, event, func, select, text
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

# Print each statement up to its table name: the rest differs between databases.
SQL_HEAD = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM) \w+")


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", SQL_HEAD.match(" ".join(statement.split())).group())


count_users = select(func.count()).select_from(User)

with Session(engine) as session:
    print("1. a query flushes the pending object first")
    session.add(User(name="ada"))
    names = session.scalars(select(User.name)).all()
    print("names:", names)
    assert names == ["ada"]

    print("2. so does a text() query (since 2.1)")
    session.add(User(name="grace"))
    count = session.execute(text("SELECT count(*) FROM user_account")).scalar()
    print("count:", count)
    assert count == 2

    print("3. inside no_autoflush the query runs alone")
    linus = User(name="linus")
    session.add(linus)
    with session.no_autoflush:
        count = session.scalar(count_users)
    print("count:", count, "| linus still pending:", linus in session.new)
    assert count == 2 and linus in session.new

    print("4. the next query outside the block flushes linus")
    print("count:", session.scalar(count_users))
    session.commit()

print("5. Session(autoflush=False): queries never flush by themselves")
with Session(engine, autoflush=False) as session:
    session.add(User(name="guido"))
    before = session.scalar(count_users)
    session.flush()
    after = session.scalar(count_users)
    print("count before flush():", before, "| after:", after)
    assert (before, after) == (3, 4)
