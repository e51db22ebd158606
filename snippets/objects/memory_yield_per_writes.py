"""Inside a yield_per loop, more SQL on the same session is not safe everywhere."""

import atexit
import os
import warnings

from sqlalchemy import String, create_engine, func, insert, select
from sqlalchemy.exc import DBAPIError
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
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.execute(insert(User), [{"name": f"user {i}"} for i in range(1000)])
    session.commit()


# --8<-- [start:steps]
def change_all(every_100_rows):
    """Changes every user in a yield_per loop; calls every_100_rows(session)."""
    seen = 0
    stmt = select(User).execution_options(yield_per=100)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # record the driver's warnings, to print
        with Session(engine) as session:
            try:
                for user in session.scalars(stmt):
                    user.name = user.name.upper()
                    seen += 1
                    if seen % 100 == 0:
                        every_100_rows(session)
            except DBAPIError as error:
                print("    error:", type(error.orig).__name__)
    for warning in caught:
        print("    warning:", warning.message)
    print("rows seen:", seen, "of 1000")
    return seen


print("1. a SELECT every 100 rows inside the loop")
change_all(lambda session: session.scalar(select(func.count(User.id))))

print("2. flush() every 100 rows inside the loop")
change_all(lambda session: session.flush())

print("3. commit() every 100 rows inside the loop")
seen = change_all(lambda session: session.commit())
assert (seen == 1000) == (engine.dialect.name == "sqlite")
# --8<-- [end:steps]
