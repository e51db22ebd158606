"""On a SQLite file in WAL mode, an unfinished read does not block a commit."""

import atexit

from sqlalchemy import String, create_engine, event, func, insert, select
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

# --8<-- [start:steps]
for number, mode in ((1, "delete"), (2, "wal")):  # delete: SQLite's default
    print(f"{number}. PRAGMA journal_mode = {mode}")
    engine = create_engine(f"sqlite:///{mode}.db", connect_args={"timeout": 0.1})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record, mode=mode):
        dbapi_connection.execute(f"PRAGMA journal_mode = {mode}")

    with Session(engine) as a, engine.connect() as b:
        a.add(User(name="linus"))
        a.flush()
        count = b.scalar(select(func.count()).select_from(User))
        print("    A has an uncommitted INSERT; B counts the rows:", count)
        try:
            b.execute(insert(User).values(name="guido"))
            outcome = "inserted"
        except OperationalError as error:
            outcome = error.args[0]
        print("    then B inserts a row:", outcome)
        b.rollback()
        a.rollback()

        rows = b.execute(select(User.name))  # B reads the rows one by one
        print("    B has read one row:", rows.fetchone().name)
        a.add(User(name="linus"))
        try:
            a.commit()
            committed, outcome = True, "committed"
        except OperationalError as error:
            committed, outcome = False, error.args[0]
            a.rollback()
        print("    meanwhile A inserts and commits:", outcome)
        assert committed == (mode == "wal")
        rows.close()
    engine.dispose()
# --8<-- [end:steps]
