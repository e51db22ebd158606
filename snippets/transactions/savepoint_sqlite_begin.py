"""With SQLAlchemy sending BEGIN, rollback() undoes released savepoints on SQLite."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")
# --8<-- [start:steps]
engine = create_engine(url)
if engine.dialect.name == "sqlite":  # before the engine's first connection

    @event.listens_for(engine, "connect")
    def no_driver_begin(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # no BEGIN from the driver

    @event.listens_for(engine, "begin")
    def send_begin(conn):
        conn.exec_driver_sql("BEGIN")  # at the start of every transaction


Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # dropped at exit
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()

with Session(engine) as session:
    print("1. the same loop of savepoints, then rollback()")
    for name in ["grace", "ada", "linus"]:
        try:
            with session.begin_nested():
                session.add(User(name=name))
        except IntegrityError:
            print(f"{name}: taken")
    session.rollback()

with Session(engine) as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("rows after rollback():", names)
assert names == ["ada"]  # grace and linus were undone with the transaction
# --8<-- [end:steps]
