"""A SELECT begins a transaction on a Session or a Connection; close() rolls it back."""

import atexit
import logging
import os
import sys

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine that does not log
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


class EchoLine(logging.Formatter):
    """The echo log's message on one line, without echo's timestamp."""

    def format(self, record):
        return "    echo: " + " ".join(record.getMessage().split())


# echo=True, printed through a handler of our own: echo adds its default handler, which
# prints timestamps, only to a logger that has none. The parameter lines
# ("[generated in 0.0001s] ()") carry a timing, so they are left out.
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(EchoLine())
handler.addFilter(lambda record: not record.getMessage().startswith("["))
logging.getLogger("sqlalchemy.engine.Engine").addHandler(handler)
engine.echo = True  # the same as create_engine(url, echo=True), from here on

# --8<-- [start:steps]
print("1. a Session runs one SELECT")
session = Session(engine)
names = session.scalars(select(User.name)).all()
print("names:", names)
print("session in a transaction:", session.in_transaction())
assert session.in_transaction()

print("2. close(), without commit()")
session.close()

print("3. a Connection runs one SELECT, and the with-block closes it")
with engine.connect() as conn:
    conn.scalars(select(User.name)).all()
    print("connection in a transaction:", conn.in_transaction())

print("4. commit() ends the transaction with COMMIT instead")
with Session(engine) as session:
    session.scalars(select(User.name)).all()
    session.commit()

print("5. the end of a sessionmaker.begin() block commits too")
with sessionmaker(engine).begin() as session:
    session.scalars(select(User.name)).all()
# --8<-- [end:steps]
