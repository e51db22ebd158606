"""Another thread may use a SQLite connection opened with check_same_thread=False."""

import tempfile
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import StaticPool, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# SQLite only: the error comes from Python's sqlite3 driver, so this example ignores
# DATABASE_URL. Nothing to drop at exit: one database lives in this process's memory,
# the other in a temporary folder deleted at exit.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


other_thread = ThreadPoolExecutor(max_workers=1)
folder = tempfile.TemporaryDirectory()


def list_users(engine):  # runs in the other thread, with a session of its own
    with Session(engine) as session:
        connection = session.connection().connection.dbapi_connection
        return session.scalars(select(User.name)).all(), connection


# --8<-- [start:steps]
engines = {
    "in memory, for tests: StaticPool, check_same_thread=False": create_engine(
        "sqlite://",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    ),
    "a file, the default pool (SQLAlchemy sets the flag)": create_engine(
        f"sqlite:///{folder.name}/app.db"
    ),
}
for number, (label, engine) in enumerate(engines.items(), 1):
    print(f"{number}. {label}")
    Base.metadata.create_all(engine)  # in this thread
    with Session(engine) as session:
        session.add(User(name="ada"))
        session.commit()
        this_threads = session.connection().connection.dbapi_connection
    names, connection = other_thread.submit(list_users, engine).result()
    print("the other thread reads:", names)
    assert names == ["ada"]
    print("with this thread's connection:", connection is this_threads)
    engine.dispose()
# --8<-- [end:steps]
other_thread.shutdown()
