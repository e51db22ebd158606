"""update().where() sends one UPDATE; synchronize_session updates loaded objects."""

import atexit
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


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
session = Session(engine)
ada, bob = User(name="ada", status="new"), User(name="bob", status="new")
session.add_all([ada, bob, User(name="cy", status="old")])
session.commit()
print("loaded:", ada.status, bob.status)  # both now in the identity map


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE"):  # in full, each driver's placeholder as ?
        print("    SQL:", re.sub(r"%\(\w+\)s(::\w+)?", "?", statement))
    else:
        print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. default synchronize_session ('auto'): WHERE evaluated in Python")
stmt = update(User).where(User.status == "new").values(status="active")
result = session.execute(stmt)
print("rows matched:", result.rowcount)
print("in memory:", ada.status, bob.status)
assert ada.status == "active"

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
session.close()
# --8<-- [end:steps]
