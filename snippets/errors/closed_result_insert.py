"""An INSERT has no rows to read, and on PostgreSQL its rowcount needs an option."""

import atexit
import os

from sqlalchemy import String, create_engine, insert
from sqlalchemy.exc import ResourceClosedError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit

# --8<-- [start:steps]
with engine.begin() as conn:
    print("1. rows asked of a single-row INSERT")
    result = conn.execute(insert(User).values(name="ada"))
    try:
        print("result.all():", result.all())  # PostgreSQL: SQLAlchemy added RETURNING
    except ResourceClosedError as error:
        print("result.all():", type(error).__name__ + ":", error)
    print("result.rowcount:", result.rowcount)

    print("2. the same INSERT with preserve_rowcount=True")
    statement = insert(User).values(name="grace")
    result = conn.execute(statement.execution_options(preserve_rowcount=True))
    print("result.rowcount:", result.rowcount)
    assert result.rowcount == 1
# --8<-- [end:steps]
