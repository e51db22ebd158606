import os

from sqlalchemy import String, create_engine, event, insert, select
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    print("    ROLLBACK")


print("1. engine.connect(), execute(), no commit()")
with engine.connect() as conn:
    conn.execute(insert(Note), {"body": "connect, no commit"})
    print("in a transaction:", conn.in_transaction())

print("2. engine.connect(), execute(), commit()")
with engine.connect() as conn:
    conn.execute(insert(Note), {"body": "connect + commit"})
    conn.commit()

print("3. engine.begin(): commits when the block ends")
with engine.begin() as conn:
    conn.execute(insert(Note), {"body": "begin block"})

print("4. Session.execute(), no commit()")
with Session(engine) as session:
    session.execute(insert(Note), {"body": "session, no commit"})

print("5. Session.execute(), then session.commit()")
with Session(engine) as session:
    session.execute(insert(Note), {"body": "session + commit"})
    session.commit()

print("6. the 1.x API")
try:
    engine.execute(select(Note.body))
except AttributeError as error:
    print(type(error).__name__ + ":", error)
try:
    create_engine("sqlite://", future=False)
except ArgumentError as error:
    print(type(error).__name__ + ":", error)

event.remove(engine, "rollback", on_rollback)  # the read below rolls back too
with engine.connect() as conn:
    kept = conn.scalars(select(Note.body).order_by(Note.id)).all()
print("rows kept:", kept)
assert kept == ["connect + commit", "begin block", "session + commit"]
