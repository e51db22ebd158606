import os

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, make_transient, mapped_column


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
ada = User(name="ada")
step("User(name='ada')", ada)
session.add(ada)
step("session.add(ada)", ada)
session.flush()
step("session.flush()", ada)
session.commit()
step("session.commit()", ada)
session.delete(ada)
step("session.delete(ada)", ada)  # nothing sent yet: still persistent
session.flush()
step("session.flush()", ada)
session.rollback()
step("session.rollback()", ada)  # the DELETE is undone
session.expunge(ada)
step("session.expunge(ada)", ada)
copy = session.merge(ada)
step("session.merge(ada)", ada)
step("  ...the returned copy", copy)
session.delete(copy)
session.commit()
step("delete + commit (copy)", copy)
print("was_deleted:", inspect(copy).was_deleted)
make_transient(copy)
step("make_transient(copy)", copy)
session.close()
assert state(ada) == "detached" and state(copy) == "transient" and copy is not ada
