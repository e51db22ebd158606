"""Without StaticPool, the endpoint cannot read what the test has not committed."""

import tempfile

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install fastapi httpx (httpx for the TestClient)
# SQLite only: the question is about SQLite in tests, so this example ignores
# DATABASE_URL. Nothing to drop at exit: the file is in a temporary folder that is
# deleted at exit, and the memory database lives in this process.


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


app = FastAPI()


@app.get("/users")
def list_users():  # a def endpoint: FastAPI runs it in a worker thread
    with Session(engine) as session:
        return session.scalars(select(User.name)).all()


client = TestClient(app)
folder = tempfile.TemporaryDirectory()

# --8<-- [start:steps]
print("1. a file: the test adds a user, flushes, does not commit")
engine = create_engine(f"sqlite:///{folder.name}/test.db")
Base.metadata.create_all(engine)
session = Session(engine)
session.add(User(name="ada"))
session.flush()
response = client.get("/users")
print("response:", response.json())
assert response.json() == []  # the endpoint's connection does not see the user
names = session.scalars(select(User.name)).all()
print("the test's users:", names)
assert names == ["ada"]  # the endpoint's session did not end the test's transaction
session.close()
engine.dispose()

print("2. a shared-cache memory database: the same steps")
engine = create_engine("sqlite:///file::memory:?cache=shared&uri=true")
Base.metadata.create_all(engine)
session = Session(engine)
session.add(User(name="ada"))
session.flush()
try:
    client.get("/users")
except OperationalError as error:
    print("the test gets:", type(error).__name__)
    print("    " + str(error.orig))
    assert str(error.orig) == "database table is locked: user_account"
print("the test's users:", session.scalars(select(User.name)).all())
session.close()
engine.dispose()
# --8<-- [end:steps]
