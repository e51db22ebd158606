import os
import re

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

with Session(engine) as session:
    ada = User(name="ada", email="ada@old.example")
    session.add(ada)
    session.commit()
    ada_id = ada.id

updates = []


def one_line(statement):
    """The SQL on one line, with each driver's placeholder (?, %(name)s::TYPE) shown as ?."""
    return re.sub(r"%\(\w+\)s(::\w+)?", "?", " ".join(statement.split()))


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    sql = one_line(statement)
    if sql.startswith("UPDATE"):
        updates.append(sql)
    print("    SQL:", sql)


with Session(engine) as session:
    print("1. load the object, change one attribute, commit")
    ada = session.get(User, ada_id)
    ada.email = "ada@new.example"
    print("modified:", session.is_modified(ada))
    session.commit()
    assert len(updates) == 1
    assert "email" in updates[0] and "name" not in updates[0]

    print("2. assign the value a loaded attribute already has")
    print("name:", ada.name)  # commit expired it: this reloads the row
    ada.name = "ada"
    print("modified:", session.is_modified(ada))
    session.commit()
    assert len(updates) == 1  # nothing changed, so no UPDATE

    print("3. the same assignment on an expired attribute")
    ada.name = "ada"  # commit expired it again; the old value is unknown
    print("modified:", session.is_modified(ada))
    session.commit()
    assert len(updates) == 2 and "SET name" in updates[1]

print("4. read it back in a new session")
with Session(engine) as session:
    print("email in the database:", session.get(User, ada_id).email)
