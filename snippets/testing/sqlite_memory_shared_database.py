"""A file or a shared-cache memory URL gives every thread the same SQLite database."""

import tempfile
import threading

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, select
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
test_thread = threading.get_ident()


@app.get("/users")
def list_users():  # a def endpoint: FastAPI runs it in a worker thread
    print("    endpoint: in the test's thread:", threading.get_ident() == test_thread)
    with Session(engine) as session:
        return session.scalars(select(User.name)).all()


folder = tempfile.TemporaryDirectory()

# --8<-- [start:steps]
urls = {
    "a file": f"sqlite:///{folder.name}/test.db",
    "a shared-cache memory database": "sqlite:///file::memory:?cache=shared&uri=true",
}
for number, (label, url) in enumerate(urls.items(), 1):
    engine = create_engine(url)  # the default pool
    print(f"{number}. {label}, pool: {type(engine.pool).__name__}")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(name="ada"))
        session.commit()
    response = TestClient(app).get("/users")
    print("response:", response.status_code, response.json())
    assert response.json() == ["ada"]
    engine.dispose()
# --8<-- [end:steps]
