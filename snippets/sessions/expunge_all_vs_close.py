"""expunge_all() detaches every object and keeps the transaction; close() ends it."""

import atexit
import os

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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
with Session(engine) as session:
    session.add_all([User(name="ada"), User(name="grace")])
    session.commit()


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


# --8<-- [start:steps]
session = Session(engine)
users = session.scalars(select(User)).all()
print("1. expunge_all()")
session.expunge_all()
print("objects in the session:", len(session.identity_map))
print("in a transaction:", session.in_transaction())
assert session.in_transaction()

print("2. close()")
session.close()
print("in a transaction:", session.in_transaction())
assert not session.in_transaction()
# --8<-- [end:steps]
