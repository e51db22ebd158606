"""expire() sends no SQL until the next read; refresh() sends its SELECT right away."""

import atexit
import os

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
session = Session(engine)
ada = User(id=1, name="ada")
session.add(ada)
session.flush()
statements = []


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])
    statements.append(statement)


# --8<-- [start:steps]
print("1. expire(ada)")
session.expire(ada)
print("statements sent by expire():", len(statements))
assert statements == []
print("read ada.name")
print("name:", ada.name)

print("2. refresh(ada)")
session.refresh(ada)
print("read ada.name")
print("name:", ada.name)
session.close()
# --8<-- [end:steps]
