"""Without yield_per the ORM builds every object first; with it, 100 at a time."""

import atexit
import os

from sqlalchemy import String, create_engine, insert, select
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
    session.execute(insert(User), [{"name": f"user {i}"} for i in range(3000)])
    session.commit()


# --8<-- [start:steps]
def read_all(stmt):
    """Iterates over the users; prints how many objects the session held."""
    most = 0
    with Session(engine) as session:
        for n, user in enumerate(session.scalars(stmt), 1):
            if n == 1:
                print("objects in the session at the first row:", end=" ")
                print(len(session.identity_map))
            most = max(most, len(session.identity_map))
    print("rows:", n, "most objects at once:", most)
    return most


print("1. for user in session.scalars(select(User))")
read_all(select(User))

print("2. the same with execution_options(yield_per=100)")
most = read_all(select(User).execution_options(yield_per=100))
assert most == 100
# --8<-- [end:steps]
