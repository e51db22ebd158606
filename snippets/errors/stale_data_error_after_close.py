"""An object whose flushed INSERT was never committed raises StaleDataError later."""

import atexit
import os

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


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


# --8<-- [start:steps]
def create_user(name, commit):
    with Session(engine) as session:
        user = User(name=name)
        session.add(user)
        session.flush()  # INSERT sent: user.id is known
        if commit:
            session.commit()
    return user  # the block's close() rolled back what was not committed


print("1. create_user() flushes, and returns without commit()")
ada = create_user("ada", commit=False)
print("ada.id:", ada.id, "detached:", inspect(ada).detached)

print("2. later, ada is renamed in a new session")
ada.name = "ada l."
with Session(engine) as session:
    session.add(ada)
    try:
        session.commit()
    except StaleDataError as error:
        print(f"{type(error).__name__}: {error}")
        assert "0 were matched" in str(error)

print("3. the same with commit() in create_user()")
bob = create_user("bob", commit=True)
bob.name = "bob b."
with Session(engine) as session:
    session.add(bob)
    session.commit()
    print("bob.name in the database:", session.get(User, bob.id).name)
# --8<-- [end:steps]
