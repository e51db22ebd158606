import gc
import os
import tempfile

from sqlalchemy import String, create_engine, event, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(50))


tmp = tempfile.TemporaryDirectory()
# A file database, so that SQLite uses a QueuePool as a server database would.
engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/autoclose.db"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
engine.dispose()  # start with an empty pool
opened = []


@event.listens_for(engine, "connect")
def on_connect(dbapi_connection, connection_record):
    opened.append(1)
    print("    pool: new DBAPI connection opened")


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: checked out")


@event.listens_for(engine, "reset")
def on_reset(dbapi_connection, connection_record, reset_state):
    done = "already rolled back" if reset_state.transaction_was_reset else "pool calls rollback()"
    print(f"    pool: reset ({done})")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: returned")


print("1. with-block, no commit")
with engine.connect() as conn:
    conn.execute(insert(Note), {"text": "never committed"})
print("conn.closed:", conn.closed)

print("2. with-block, commit() last")
with engine.connect() as conn:
    conn.execute(insert(Note), {"text": "kept"})
    conn.commit()

print("3. forgotten connection")
gc.disable()  # pause the automatic collector so that it runs only where we ask
conn = engine.connect()
conn.execute(select(1))
del conn  # no close(): the Connection is unreachable but still holds the DBAPI connection
print("checked out after del conn:", engine.pool.checkedout())
assert engine.pool.checkedout() == 1
gc.collect()
print("checked out after gc.collect():", engine.pool.checkedout())
gc.enable()
assert engine.pool.checkedout() == 0

print("4. Session: returned at commit() and at close()")
with Session(engine) as session:
    session.add(Note(text="from a session"))
    session.commit()
    count = session.scalar(select(func.count()).select_from(Note))
    print("rows:", count)
assert count == 2  # the uncommitted row from step 1 is gone

print("DBAPI connections opened in all:", len(opened))
assert len(opened) == 1  # every "close" above returned the same one to the pool
engine.dispose()
tmp.cleanup()
