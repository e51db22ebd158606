import os
import re

from sqlalchemy import String, create_engine, event, func, update
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
        print("    SQL:", one_line(statement))


with Session(engine) as session:
    ada, bob = User(name="ada", status="new"), User(name="bob", status="new")
    session.add_all([ada, bob, User(name="cy", status="old")])
    session.commit()
    print("loaded:", ada.status, bob.status)  # both now in the identity map

    print("1. default synchronize_session ('auto'): WHERE evaluated in Python")
    stmt = update(User).where(User.status == "new").values(status="active")
    result = session.execute(stmt)
    print("rows matched:", result.rowcount)
    print("in memory:", ada.status, bob.status)
    assert result.rowcount == 2 and ada.status == "active"

    print("2. criteria Python cannot evaluate: 'auto' falls back to 'fetch'")
    stmt = update(User).where(func.upper(User.name) == "ADA")
    stmt = stmt.values(status="admin")
    session.execute(stmt)
    print("in memory:", ada.status)
    assert ada.status == "admin"

    print("3. synchronize_session=False: loaded objects go stale")
    stmt = update(User).where(User.name == "bob").values(status="banned")
    session.execute(stmt, execution_options={"synchronize_session": False})
    print("in memory:", bob.status)
    assert bob.status == "active"
    session.refresh(bob)  # or commit(), which expires everything
    print("after refresh:", bob.status)

    session.commit()
