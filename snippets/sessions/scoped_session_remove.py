"""scoped_session.remove() closes this thread's session, then forgets it."""

import atexit
import os

from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
Session = scoped_session(sessionmaker(engine))

print("1. every call in this thread gets the same session")
first = Session()
print("Session() is Session():", Session() is first)

print("2. close(): the registry keeps the closed session")
Session.scalars(select(User)).all()  # proxied to this thread's session
Session.close()
print("registry has a session:", Session.registry.has())
print("Session() is still the same:", Session() is first)
assert Session() is first

print("3. an INSERT flushed, not committed")
Session.add(User(name="not saved"))
Session.flush()

print("4. remove(): closed, then forgotten")
Session.remove()  # rolls back, returns the connection, forgets the session
print("registry has a session:", Session.registry.has())
assert not Session.registry.has()
print("next Session() is new:", Session() is not first)
rows = Session.scalar(select(func.count()).select_from(User))
print("rows (the flush was rolled back):", rows)
Session.remove()
# --8<-- [end:steps]
