import os

from sqlalchemy import String, create_engine, exc, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(insert(User), [{"name": "ada"}, {"name": "grace"}])


def get_connection():
    with engine.connect() as conn:
        return conn  # the block ends here, and closes conn


def show(step, error):
    print(f"{step}: {type(error).__name__}: {str(error).split(' (Background')[0]}")


conn = get_connection()
print("returned connection closed:", conn.closed)
try:
    conn.execute(select(User.name))
except exc.ResourceClosedError as error:
    show("1. execute() on it", error)
    first_error = error

with engine.connect() as conn:
    session = Session(bind=conn)  # a Session that borrows this Connection
    print("inside the block:", session.scalars(select(User.name).order_by(User.id)).all())
try:
    session.scalars(select(User.name)).all()
except exc.ResourceClosedError as error:
    show("2. Session(bind=conn) after the block", error)
    second_error = error
session.close()
assert "This Connection is closed" in str(first_error) and str(second_error) == str(first_error)


def get_names():
    with engine.connect() as conn:
        return conn.scalars(select(User.name).order_by(User.id)).all()  # rows read now


def get_names_with(conn):
    return conn.scalars(select(User.name).order_by(User.id)).all()


names = get_names()
print("3. fixed, read the rows inside the block:", names)
with engine.connect() as conn:  # or keep one block open around all the work
    print("4. fixed, pass the open connection in:", get_names_with(conn))
assert names == ["ada", "grace"]
