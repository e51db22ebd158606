"""A writer waits for a row lock until the server's lock wait limit, then fails."""

import atexit
import os
import sys

from sqlalchemy import String, create_engine, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    stock: Mapped[int]


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
if engine.dialect.name not in ("postgresql", "mysql", "mariadb"):
    print("this example needs PostgreSQL or MariaDB: set DATABASE_URL")
    sys.exit(0)
POSTGRESQL = engine.dialect.name == "postgresql"
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(Item(id=1, name="lamp", stock=10))
    session.commit()

# The limit on one wait for a lock: PostgreSQL's lock_timeout (0: no limit) and
# MariaDB's innodb_lock_wait_timeout (in seconds)
LIMIT = "SHOW lock_timeout" if POSTGRESQL else "SELECT @@innodb_lock_wait_timeout"
ONE_SECOND = (
    "SET lock_timeout = '1s'"
    if POSTGRESQL
    else "SET SESSION innodb_lock_wait_timeout = 1"
)

# --8<-- [start:steps]
print("1. the server's limit on a wait for a lock, by default")
with engine.connect() as conn:
    print("limit:", conn.scalar(text(LIMIT)))

print("2. request A takes a lamp and keeps its transaction open")
a = Session(engine)
a.get(Item, 1).stock -= 1
a.flush()  # UPDATE sent: the row stays locked until A's transaction ends

print("3. request B, with a limit of 1 second, takes a lamp too")
with Session(engine) as b:
    b.execute(text(ONE_SECOND))  # stands for the default, minus the long wait
    try:
        b.execute(update(Item).where(Item.id == 1).values(stock=Item.stock - 1))
    except OperationalError as error:
        message = str(error).splitlines()[0]
        print("    B:", message)
        assert "timeout" in message  # B gave up waiting; A still holds the lock
a.rollback()
a.close()
# --8<-- [end:steps]
