"""On a SQLite file, a connection in the middle of a read gets no wait for the lock."""

import atexit
import time

from sqlalchemy import String, create_engine, event, insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# SQLite only: files in the working directory, whatever DATABASE_URL says


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


for mode in ("delete", "wal"):
    setup = create_engine(f"sqlite:///{mode}.db")
    Base.metadata.create_all(setup)
    atexit.register(Base.metadata.drop_all, create_engine(f"sqlite:///{mode}.db"))
    with Session(setup) as session:
        session.add_all([User(name="ada"), User(name="grace")])
        session.commit()

TIMEOUT = 30  # seconds: far longer than any step here takes


def b_inserts(b) -> tuple[str, bool]:
    """B inserts a row: how it went, and whether it waited for the whole timeout."""
    started = time.monotonic()
    try:
        b.execute(insert(User).values(name="guido"))
        outcome = "inserted"
    except OperationalError as error:
        outcome = error.args[0]
    return outcome, time.monotonic() - started >= TIMEOUT


# --8<-- [start:steps]
for number, mode in ((1, "delete"), (2, "wal")):  # delete: SQLite's default
    print(f"{number}. PRAGMA journal_mode = {mode}")
    engine = create_engine(f"sqlite:///{mode}.db", connect_args={"timeout": TIMEOUT})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record, mode=mode):
        dbapi_connection.execute(f"PRAGMA journal_mode = {mode}")

    with Session(engine) as a, engine.connect() as b:
        rows = b.execute(select(User.name))  # B reads the rows one by one
        print("    B has read one row:", rows.fetchone().name)
        a.add(User(name="linus"))
        a.flush()  # A holds the write lock
        outcome, waited = b_inserts(b)
        print("    A has an uncommitted INSERT; B inserts a row:", outcome)
        print("    B waited for the timeout:", waited)
        assert not waited  # it failed at once
        if mode == "wal":  # A can commit while B reads; in the default mode it waits
            a.commit()
            outcome, waited = b_inserts(b)
            print("    A commits; B, still in the middle of reading, inserts:", outcome)
            print("    B waited for the timeout:", waited)
        rows.close()
    engine.dispose()
# --8<-- [end:steps]
