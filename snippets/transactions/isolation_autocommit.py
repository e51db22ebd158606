"""With AUTOCOMMIT each statement commits as it runs, so rollback() undoes nothing."""

import atexit
import os

from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


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

# --8<-- [start:steps]
autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
AutocommitSession = sessionmaker(autocommit_engine)
with AutocommitSession() as session:
    print("1. add a user, flush(), then rollback()")
    session.add(User(name="ada"))
    session.flush()
    session.rollback()
    level = session.connection().get_isolation_level()
    print("get_isolation_level() still reports:", level)

with Session(engine) as session:
    rows = session.scalar(select(func.count()).select_from(User))
print("rows after rollback():", rows)
assert rows == 1  # the INSERT was committed when it ran
# --8<-- [end:steps]
