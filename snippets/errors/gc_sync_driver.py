import gc
import os
import tempfile
import warnings

from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def count_users_and_forget(engine):
    session = Session(engine)
    return session.scalar(select(func.count()).select_from(User))
    # no close(): the session, and the connection it holds, are now garbage


gc.disable()  # collect only when the example says so
with tempfile.TemporaryDirectory() as tmp:
    # a file database, so that the engine has a QueuePool
    engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/gc.db"))
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    for name, text in [("connect", "new DBAPI connection opened"), ("checkout", "checked out"),
                       ("reset", "reset (rollback)"), ("checkin", "returned"),
                       ("close_detached", "connection terminated")]:
        event.listen(engine, name, lambda *args, text=text: print("    pool:", text))

    print("1. a session that is never closed, with a sync driver")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        count_users_and_forget(engine)
        print("connections checked out:", engine.pool.checkedout())
        print("gc.collect()")
        gc.collect()
    print("warnings:", [warning.category.__name__ for warning in caught])
    print("connections checked out:", engine.pool.checkedout())

    print("2. the next checkout reuses that connection")
    with Session(engine) as session:
        session.scalar(select(func.count()).select_from(User))
    engine.dispose()

assert caught == []
