import os
import sys

from sqlalchemy import String, create_engine, select, text
from sqlalchemy.exc import DBAPIError, InvalidRequestError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
if engine.dialect.name == "sqlite":
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
POSTGRESQL = engine.dialect.name == "postgresql"
admin = create_engine(engine.url, poolclass=NullPool)  # a separate connection, as a DBA would use
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def server_id(session):
    sql = "SELECT pg_backend_pid()" if POSTGRESQL else "SELECT CONNECTION_ID()"
    return session.scalar(text(sql))


def kill(connection_id):
    with admin.connect() as conn:
        if POSTGRESQL:  # the 5000 ms timeout makes it wait until the backend has exited
            conn.execute(text("SELECT pg_terminate_backend(:id, 5000)"), {"id": connection_id})
        else:
            conn.execute(text("KILL :id"), {"id": connection_id})


def names(session):
    return session.scalars(select(Item.name).order_by(Item.id)).all()


CASES = [  # (what the reader sees, flush before the kill?, the call that meets the dead connection)
    ("flush(), kill, commit(): the COMMIT fails", True, Session.commit),
    ("kill, commit(): the INSERT of its flush fails", False, Session.commit),
    ("flush(), kill, a query: the SELECT fails", True, names),
]
for number, (story, flush_first, call) in enumerate(CASES, 1):
    print(f"{number}. {story}")
    with Session(engine) as session:
        session.add(Item(name=f"kept {number}"))
        session.commit()
        connection_id = server_id(session)  # begins the next transaction on this connection
        session.add(Item(name=f"lost {number}"))
        if flush_first:
            session.flush()
        kill(connection_id)
        try:
            call(session)
        except DBAPIError as error:
            print(f"  {type(error).__name__}, "
                  f"connection_invalidated={error.connection_invalidated}")
            assert error.connection_invalidated
        try:  # the session refuses to run SQL until rollback()
            names(session)
        except InvalidRequestError as error:
            print(f"  next query: {type(error).__name__}: {str(error).split('.')[0]}")
            assert isinstance(error, PendingRollbackError) == (number != 1)
        session.rollback()
        print("  after rollback():", names(session))
        assert names(session) == [f"kept {n}" for n in range(1, number + 1)]
engine.dispose()
