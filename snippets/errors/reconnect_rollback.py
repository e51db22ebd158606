import os
import tempfile

from sqlalchemy import String, create_engine, exc, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/reconnect.db")
engine = create_engine(url)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def lose_connection(conn):
    """Stand in for the server or network dropping the connection mid-transaction."""
    conn.connection.dbapi_connection.close()


def show(error):
    print(f"    {type(error).__name__}:", str(error).split(" (Background")[0].split(".")[0])


print("1. Connection: the disconnect, then the same connection used again")
with engine.connect() as conn:
    conn.execute(insert(User).values(name="ada"))  # a transaction is now open
    lose_connection(conn)
    try:
        conn.execute(select(User.name))
    except exc.DBAPIError as error:
        print("    first error invalidated the connection:", error.connection_invalidated)
    try:
        conn.execute(select(User.name))
    except exc.PendingRollbackError as error:
        show(error)
        reconnect_error = error
    conn.rollback()  # the fix: end the dead transaction
    print("    after rollback():", conn.execute(select(func.count(User.id))).scalar(), "users")
    conn.execute(insert(User).values(name="ada"))  # redo the lost work
    conn.commit()
assert "Can't reconnect until invalid transaction is rolled back" in str(reconnect_error)

print("2. Session: the same error, the same fix")
with Session(engine) as session:
    session.add(User(name="grace"))
    session.flush()
    lose_connection(session.connection())
    try:
        session.scalars(select(User.name)).all()
    except exc.DBAPIError as error:
        print("    first error invalidated the connection:", error.connection_invalidated)
    try:
        session.scalars(select(User.name)).all()
    except exc.PendingRollbackError as error:
        show(error)
        session_error = error
    session.rollback()  # the flushed "grace" was lost with the connection: add her again
    session.add(User(name="grace"))
    session.commit()
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("    names:", names)
assert isinstance(session_error, exc.PendingRollbackError) and names == ["ada", "grace"]
engine.dispose()
folder.cleanup()
