"""StaticPool and check_same_thread=False let all threads use one in-memory database."""

import threading

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import StaticPool, String, create_engine, select
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


# --8<-- [start:steps]
engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,  # one connection, handed to every thread
    connect_args={"check_same_thread": False},  # and sqlite3 lets them all use it
)

print("1. the test: create the tables, add a user")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()
    test_connection = session.connection().connection.dbapi_connection

print("2. the test: GET /users through TestClient(app)")
response = TestClient(app).get("/users")
print("response:", response.status_code, response.json())
assert response.json() == ["ada"]
# --8<-- [end:steps]
