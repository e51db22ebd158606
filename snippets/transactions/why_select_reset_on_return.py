"""The pool rolls back each connection it gets back, unless Connection.close() did."""

import atexit
import logging
import os
import re
import sys

from sqlalchemy import String, create_engine, func, select
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
# Drop the tables when the script ends, through an engine that does not log
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


class LogLine(logging.Formatter):
    """A log message on one line, without the timestamp, and without the driver
    connection's repr, which holds a memory address (and a port)."""

    def format(self, record):
        source = "pool" if record.name.startswith("sqlalchemy.pool") else "echo"
        message = " ".join(record.getMessage().split())
        return f"    {source}: " + re.sub(r"<[^>]*>", "<driver connection>", message)


# Log what echo=True and echo_pool="debug" log, through a handler of our own: theirs
# prints timestamps. The parameter lines ("[generated in 0.0001s] ()") carry a timing,
# so they are left out.
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(LogLine())
handler.addFilter(lambda record: not record.getMessage().startswith("["))
logging.getLogger("sqlalchemy").addHandler(handler)
logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # as echo=True
logging.getLogger("sqlalchemy.pool").setLevel(logging.DEBUG)  # as echo_pool="debug"


def count_users():
    """The number of rows in user_account, counted with the logging switched off."""
    logging.disable()  # nothing is logged from here on
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


# --8<-- [start:steps]
print("1. a Connection closed inside its transaction: it rolls back itself")
with engine.connect() as conn:
    conn.scalars(select(User.name)).all()

print("2. a Session closed without commit(): the pool rolls back again")
with Session(engine) as session:
    session.scalars(select(User.name)).all()

print("3. a Session that committed: the pool rolls back all the same")
with Session(engine) as session:
    session.scalars(select(User.name)).all()
    session.commit()

print("4. a DB-API connection, returned with an INSERT it did not commit")
dbapi_connection = engine.raw_connection()
cursor = dbapi_connection.cursor()
cursor.execute("INSERT INTO user_account (name) VALUES ('not committed')")
cursor.close()
dbapi_connection.close()  # back to the pool, which rolls the INSERT back

count = count_users()
print("rows:", count)
assert count == 1  # only ada: the pool's rollback removed the INSERT
# --8<-- [end:steps]
