"""Under a TestClient, a def endpoint gets its own, empty in-memory SQLite database."""

import threading

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install fastapi httpx (httpx for the TestClient)
# SQLite only: the question is about SQLite in memory, so this example ignores
# DATABASE_URL. Nothing to drop at exit: the database lives in this process's memory.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


app = FastAPI()
test_thread = threading.get_ident()


@app.get("/users")
def list_users():  # a def endpoint: FastAPI runs it in a worker thread
    print("    endpoint: in the test's thread:", threading.get_ident() == test_thread)
    with Session(engine) as session:
        same = session.connection().connection.dbapi_connection is test_connection
        print("    endpoint: same connection as the test:", same)
        return session.scalars(select(User.name)).all()


@app.get("/async-users")
async def list_users_async():  # async def: runs in TestClient's event loop thread
    print("    endpoint: in the test's thread:", threading.get_ident() == test_thread)
    with Session(engine) as session:
        return session.scalars(select(User.name)).all()


# --8<-- [start:steps]
engine = create_engine("sqlite://")  # in memory, the default pool
print("pool:", type(engine.pool).__name__)

print("1. the test: create the tables, add a user")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()
    print("users:", session.scalars(select(User.name)).all())
    test_connection = session.connection().connection.dbapi_connection

print("2. the test: GET /users through TestClient(app)")
client = TestClient(app)
try:
    client.get("/users")
except OperationalError as error:
    print("the test gets:", type(error).__name__)
    print("    " + str(error.orig))
    assert str(error.orig) == "no such table: user_account"

print("3. the test: GET /async-users, an async def endpoint")
try:
    client.get("/async-users")
except OperationalError as error:
    print("the test gets:", type(error).__name__)
    print("    " + str(error.orig))
# --8<-- [end:steps]
