"""With StaticPool, the request's session ends the transaction of the test's session."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import StaticPool, String, create_engine, event, select
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


engine = create_engine(
    "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
)
Base.metadata.create_all(engine)


@event.listens_for(engine, "reset")
def on_reset(dbapi_connection, connection_record, reset_state):
    print("    pool: connection returned, rolled back")


app = FastAPI()


@app.get("/users")
def list_users():
    with Session(engine) as session:
        names = session.scalars(select(User.name)).all()
        print("    endpoint: users:", names)
        return names


# --8<-- [start:steps]
client = TestClient(app)
session = Session(engine)
print("1. the test: add a user, flush, do not commit")
session.add(User(name="ada"))
session.flush()

print("2. the test: GET /users")
response = client.get("/users")
print("response:", response.json())

print("3. the test: its own session, after the request")
names = session.scalars(select(User.name)).all()
print("users:", names)
assert names == []  # the endpoint's session rolled back the one shared connection
session.close()
# --8<-- [end:steps]
