import os

from sqlalchemy import String, create_engine, event, func, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


@event.listens_for(engine, "before_cursor_execute")
def show_sql(conn, cursor, statement, parameters, context, executemany):
    print("    SQL:", statement.split()[0])


def state(obj):
    insp = inspect(obj)
    names = ["transient", "pending", "persistent", "deleted", "detached"]
    return next(name for name in names if getattr(insp, name))


def step(label, obj):
    print(f"{label:<24} -> {state(obj)}")


session = Session(engine)
print("Three ways back from pending to transient")
for label, undo in [
    ("session.expunge(obj)", lambda obj: session.expunge(obj)),
    ("session.rollback()", lambda obj: session.rollback()),
    ("session.close()", lambda obj: session.close()),
]:
    obj = User(name="carl")
    session.add(obj)
    undo(obj)
    step(label, obj)

print("A flushed INSERT that is rolled back")
bob = User(name="bob")
session.add(bob)
session.flush()  # INSERT sent, bob has an id but the transaction is open
step("add + flush", bob)
session.rollback()
step("session.rollback()", bob)
print("bob.id still set:", bob.id is not None)
rows = session.scalar(select(func.count()).select_from(User))
print("rows in the table:", rows)
session.close()

assert state(bob) == "transient" and state(obj) == "transient" and rows == 0
