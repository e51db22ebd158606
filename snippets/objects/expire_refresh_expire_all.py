"""expire_all() sends no SQL; each object sends its own SELECT when it is next read."""

import atexit
import os

from sqlalchemy import String, create_engine, event, inspect, select
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
session.add_all([User(id=1, name="ada"), User(id=2, name="bob"), User(id=3, name="cy")])
session.flush()
users = session.scalars(select(User).order_by(User.id)).all()


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. expire_all()")
session.expire_all()
print("expired:", [inspect(user).expired for user in users])

print("2. read two of the three names")
ada, bob, cy = users
print("names:", ada.name, bob.name)
print("expired:", [inspect(user).expired for user in users])
assert inspect(cy).expired  # not read: still waiting for its SELECT
session.close()
# --8<-- [end:steps]
