"""READ COMMITTED lets a second read see another commit; REPEATABLE READ does not."""

import atexit
import os
import sys

from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs PostgreSQL or MariaDB/MySQL: on SQLite it says so and stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
if engine.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
count_users = select(func.count()).select_from(User)

# --8<-- [start:steps]
with engine.connect() as conn:
    print("1. this database's default level:", conn.default_isolation_level)

for number, level in enumerate(["READ COMMITTED", "REPEATABLE READ"], start=2):
    print(f"{number}. {level}: read; another session adds a row; read again")
    with Session(engine.execution_options(isolation_level=level)) as session:
        first = session.scalar(count_users)
        with Session(engine) as other:
            other.add(User(name="ada"))
            other.commit()
        second = session.scalar(count_users)  # the same transaction as `first`
    print("first read:", first, "second read:", second)
    assert (second > first) == (level == "READ COMMITTED")
# --8<-- [end:steps]
