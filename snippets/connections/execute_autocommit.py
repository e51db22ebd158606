import os

from sqlalchemy import String, create_engine, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def bodies():
    with engine.connect() as conn:
        return conn.scalars(select(Note.body).order_by(Note.id)).all()


print("1. one connection in AUTOCOMMIT: the driver commits each statement")
with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
    conn.execute(insert(Note), {"body": "autocommit connection"})
    print("SQLAlchemy still reports a transaction:", conn.in_transaction())
    conn.rollback()  # accepted, but there is nothing left to roll back
print("rows:", bodies())
assert bodies() == ["autocommit connection"]

print("2. an AUTOCOMMIT copy of the engine (same pool, different default)")
autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
with autocommit_engine.connect() as conn:
    conn.execute(insert(Note), {"body": "autocommit engine"})
print("rows:", bodies())

print("3. the connection went back to the pool in its normal mode")
with engine.connect() as conn:
    conn.execute(insert(Note), {"body": "normal, no commit"})
print("rows:", bodies())
assert bodies() == ["autocommit connection", "autocommit engine"]
