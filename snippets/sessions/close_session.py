import os

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    print("    pool: connection checked out")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    print("    pool: connection returned")


print("1. close() by hand")
session = Session(engine)
ada = User(name="ada")
session.add(ada)
session.commit()  # expires ada: its attributes reload on next access
grace = User(name="grace")
session.add(grace)
session.commit()
print("grace.name loaded again before close:", grace.name)
session.add(User(name="not saved"))
session.flush()  # INSERT sent, transaction still open
print("in a transaction:", session.in_transaction())
session.close()
print("in a transaction:", session.in_transaction())
print("ada and grace detached:", inspect(ada).detached, inspect(grace).detached)
print("grace.name (loaded):", grace.name)
try:
    ada.name  # expired by commit, and no session left to reload it
except DetachedInstanceError as error:
    print("ada.name (expired):", type(error).__name__)
assert inspect(ada).detached and not session.in_transaction()

print("2. the same Session is usable again")
print("names:", session.scalars(select(User.name)).all())
session.close()

print("3. with-block: close() when the block ends")
with Session(engine) as session:
    session.add(User(name="linus"))
    session.commit()
print("in a transaction:", session.in_transaction())

print("4. with-block and begin(): commit (or rollback on error), then close()")
with Session(engine) as session, session.begin():
    session.add(User(name="guido"))

with Session(engine) as session:
    names = session.scalars(select(User.name).order_by(User.id)).all()
print("names:", names)
assert names == ["ada", "grace", "linus", "guido"]
