"""With a custom scopefunc, close() leaves one session per scope in the registry."""

import atexit
import contextvars
import os

from sqlalchemy import String, create_engine, select
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

# --8<-- [start:steps]
request_id = contextvars.ContextVar("request_id")
Session = scoped_session(sessionmaker(engine), scopefunc=request_id.get)

print("1. 1,000 requests, each ending with close()")
for n in range(1000):
    request_id.set(n)
    Session.scalars(select(User)).all()
    Session.close()
# registry.registry: the dict of sessions, one entry per scope
print("sessions in the registry:", len(Session.registry.registry))
assert len(Session.registry.registry) == 1000

print("2. the same 1,000 requests, each ending with remove()")
for n in range(1000):
    request_id.set(n)
    Session.scalars(select(User)).all()
    Session.remove()
print("sessions in the registry:", len(Session.registry.registry))
# --8<-- [end:steps]
