"""TestClient raises the error of a failing commit after yield; real clients get 200."""

import atexit
import os
import tempfile
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# Needs: pip install fastapi httpx (httpx for the TestClient)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


folder = tempfile.TemporaryDirectory()  # a SQLite file: every worker thread sees it
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/app.db")
engine = create_engine(url)
Base.metadata.create_all(engine)
atexit.register(Base.metadata.drop_all, create_engine(url))  # drop the tables at exit
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


def get_session():
    with Session(engine) as session:
        yield session
        session.commit()  # runs after the response is sent


app = FastAPI()


@app.post("/users/{name}")
def add_user(name: str, session: Annotated[Session, Depends(get_session)]):
    session.add(User(name=name))
    return {"saved": name}


# --8<-- [start:steps]
print("1. TestClient(app): POST /users/ada, a name taken")
try:
    TestClient(app).post("/users/ada")
except IntegrityError as error:
    print("the test gets:", type(error).__name__)

print("2. TestClient(app, raise_server_exceptions=False): the same request")
response = TestClient(app, raise_server_exceptions=False).post("/users/ada")
print("response:", response.status_code, response.json())
assert response.status_code == 200  # what a real client gets
# --8<-- [end:steps]
