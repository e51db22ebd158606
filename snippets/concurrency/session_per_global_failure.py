"""One failed request leaves a global session refusing every later request."""

import atexit
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add(User(name="ada"))
    session.commit()


def sign_up(session, name):
    session.add(User(name=name))
    session.commit()
    return "saved"


def list_users(session):
    return ", ".join(session.scalars(select(User.name).order_by(User.name)))


def handle(request, session):
    """Call the view and turn an error into a 500 response, as a web framework would."""
    try:
        return request(session)
    except (IntegrityError, PendingRollbackError) as error:
        return f"500 {type(error).__name__}"


# --8<-- [start:steps]
requests = [
    ("sign up ada again", lambda session: sign_up(session, "ada")),
    ("list users", list_users),
    ("sign up grace", lambda session: sign_up(session, "grace")),
]
print("1. one global session for every request")
global_session = Session(engine)
for name, request in requests:
    print(f"    {name}: {handle(request, global_session)}")
print("global session usable:", global_session.is_active)
assert not global_session.is_active
global_session.close()  # or rollback(): either makes the session usable again
answer = handle(list_users, global_session)
print("after close(), list users:", answer)
assert answer == "ada"
global_session.close()

print("2. a session per request")
for name, request in requests:
    with Session(engine) as session:
        print(f"    {name}: {handle(request, session)}")
# --8<-- [end:steps]
