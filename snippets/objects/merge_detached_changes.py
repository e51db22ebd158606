"""add() sends what you changed; merge() reloads the row and sends every value."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select, update
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
with Session(engine) as session:
    session.add(User(id=1, name="ada", status="new"))
    session.add(User(id=2, name="bob", status="new"))
    session.commit()


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE"):  # print the columns it sets
        pairs = statement.split(" SET ")[1].split(" WHERE ")[0].split(", ")
        print("    SQL: UPDATE, sets", " and ".join(p.split("=")[0] for p in pairs))
    else:
        print("    SQL:", statement.split()[0])


# --8<-- [start:steps]
print("1. load ada and bob, and close the session")
with Session(engine) as session:
    ada = session.get(User, 1)
    bob = session.get(User, 2)

print("2. another transaction bans both; we rename both, detached")
with engine.begin() as conn:
    conn.execute(update(User).values(status="banned"))
ada.name = "ada l."
bob.name = "bob b."

print("3. add(ada) and commit()")
with Session(engine) as session:
    session.add(ada)
    session.commit()

print("4. merge(bob) and commit()")
with Session(engine) as session:
    copy = session.merge(bob)  # loads row 2, copies every loaded value of bob
    session.commit()

print("5. the rows")
with Session(engine) as session:
    stmt = select(User.name, User.status).order_by(User.id)
    rows = dict(session.execute(stmt).all())
for name, status in rows.items():
    print(f"{name}: {status}")
assert rows["bob b."] == "new"  # merge() wrote back bob's old status
# --8<-- [end:steps]
