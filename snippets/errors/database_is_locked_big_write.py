"""On a SQLite file, a write larger than the page cache also locks out readers."""

import atexit

from sqlalchemy import Text, create_engine, event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# SQLite only: files in the working directory, whatever DATABASE_URL says


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)


for mode in ("delete", "wal"):
    setup = create_engine(f"sqlite:///{mode}.db")
    Base.metadata.create_all(setup)
    atexit.register(Base.metadata.drop_all, create_engine(f"sqlite:///{mode}.db"))
    with Session(setup) as session:
        session.add_all([Document(body="a"), Document(body="b")])
        session.commit()


def b_counts(b) -> str:
    try:
        return str(b.scalar(select(func.count()).select_from(Document)))
    except OperationalError as error:
        return error.args[0]


# --8<-- [start:steps]
for number, mode in ((1, "delete"), (2, "wal")):  # delete: SQLite's default
    print(f"{number}. PRAGMA journal_mode = {mode}")
    engine = create_engine(f"sqlite:///{mode}.db", connect_args={"timeout": 0.1})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record, mode=mode):
        dbapi_connection.execute(f"PRAGMA journal_mode = {mode}")

    with Session(engine) as a, engine.connect() as b:
        cache = b.exec_driver_sql("PRAGMA cache_size").scalar()  # negative: in KiB
        print("    SQLite's page cache, per connection:", -cache, "KiB")
        a.add(Document(body="small"))
        a.flush()
        print("    A has inserted 1 small row, uncommitted; B counts:", b_counts(b))
        b.rollback()
        a.add_all([Document(body="x" * 10_000) for _ in range(1_000)])  # 10 MB
        a.flush()
        counted = b_counts(b)
        print("    A has inserted 10 MB more, uncommitted; B counts:", counted)
        assert ("database is locked" in counted) == (mode == "delete")
        b.rollback()
        a.rollback()
    engine.dispose()
# --8<-- [end:steps]
