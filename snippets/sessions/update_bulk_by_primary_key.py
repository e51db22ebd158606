import os
import re

from sqlalchemy import String, create_engine, event, select, update
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def one_line(statement):
    """The SQL on one line, with each driver's placeholder (?, %(name)s::TYPE) shown as ?."""
    return re.sub(r"%\(\w+\)s(::\w+)?", "?", " ".join(statement.split()))


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().startswith("UPDATE"):
        rows = f" ({len(parameters)} parameter sets)" if executemany else ""
        print("    SQL:", one_line(statement) + rows)


with Session(engine) as session:
    users = [User(name=name, status="new") for name in ("ada", "bob", "cy")]
    session.add_all(users)
    session.commit()
    ada, bob, cy = users
    print("loaded:", ada.status, bob.status, cy.status)

    print("1. one dictionary per row, each with its primary key")
    session.execute(
        update(User),
        [
            {"id": ada.id, "status": "active"},
            {"id": bob.id, "status": "active"},
            {"id": cy.id, "status": "banned"},
        ],
    )
    print("in memory:", ada.status, bob.status, cy.status)
    assert (ada.status, cy.status) == ("active", "banned")

    print("2. a dictionary without the primary key")
    try:
        session.execute(update(User), [{"status": "active"}])
    except InvalidRequestError as error:
        print(type(error).__name__ + ":", str(error).split(";")[0])
    session.commit()

with Session(engine) as session:
    stmt = select(User.name, User.status).order_by(User.id)
    rows = session.execute(stmt).all()
    print("in the database:", [tuple(row) for row in rows])
    assert [row.status for row in rows] == ["active", "active", "banned"]
