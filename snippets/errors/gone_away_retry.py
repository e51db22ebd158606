import os
import tempfile

from sqlalchemy import String, create_engine, event, exc, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/gone_away.db")
engine = create_engine(url)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

# SQLite has no server to lose, so fake the drop: the next statement fails with the
# driver's OperationalError and the message libpq gives when PostgreSQL goes away.
server = {"gone": False}


@event.listens_for(engine, "do_execute")
def fail_if_server_gone(cursor, statement, parameters, context):
    if server["gone"]:
        server["gone"] = False
        raise engine.dialect.loaded_dbapi.OperationalError(
            "server closed the connection unexpectedly"
        )


@event.listens_for(engine, "handle_error")
def mark_disconnect(context):
    # The PostgreSQL and MySQL dialects recognise their own messages; SQLite's does not.
    if "closed the connection unexpectedly" in str(context.original_exception):
        context.is_disconnect = True


for name in ("connect", "invalidate", "close"):  # print the pool's events
    event.listen(engine, name, lambda *args, name=name: print("    pool:", name))


def add_user(name, attempts=2):
    """One transaction, run again from the start if the connection was lost."""
    for attempt in range(1, attempts + 1):
        try:
            with Session(engine) as session, session.begin():
                session.add(User(name=name))
            print(f"attempt {attempt}: committed")
            return attempt
        except exc.DBAPIError as error:
            if not error.connection_invalidated or attempt == attempts:
                raise
            print(f"attempt {attempt}: {type(error).__name__}:", str(error.orig))
            print("    connection_invalidated:", error.connection_invalidated)


print("1. a normal transaction")
assert add_user("ada") == 1
print("2. the server drops the connection; the transaction fails once and is retried")
server["gone"] = True
assert add_user("grace") == 2
with Session(engine) as session:
    count = session.scalar(select(func.count()).select_from(User))
print("users saved:", count)
assert count == 2
engine.dispose()
folder.cleanup()
