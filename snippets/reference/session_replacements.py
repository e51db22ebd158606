import gc
import os

from sqlalchemy import String, create_engine, select, text
from sqlalchemy.exc import ArgumentError
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

# Session(autocommit=True) -> autobegin, and a with-block that commits
try:
    Session(engine, autocommit=True)
except ArgumentError as error:
    print("Session(autocommit=True):", type(error).__name__)
with Session(engine) as session, session.begin():
    session.add_all([User(name="ada"), User(name="grace")])

with Session(engine) as session:
    # Session.transaction -> get_transaction() / in_transaction()
    print("has .transaction:", hasattr(session, "transaction"))
    print("in_transaction before use:", session.in_transaction())
    ada = session.scalars(select(User).where(User.name == "ada")).one()
    print("in_transaction after a query:", session.in_transaction(),
          "| get_transaction() is not None:", session.get_transaction() is not None)

    # execute(..., mapper=User) / scalar(..., bind=...) -> bind_arguments
    count = session.scalar(text("SELECT count(*) FROM user_account"),
                           bind_arguments={"mapper": User})
    print("scalar with bind_arguments:", count)

    # is_modified(obj, passive=...) -> is_modified(obj)
    ada.name = "Ada"
    print("is_modified:", session.is_modified(ada))

    # refresh(obj, lockmode="update") -> refresh(obj, with_for_update=True)
    session.refresh(ada, with_for_update=True)  # SELECT ... FOR UPDATE where supported
    print("after refresh, the unsaved change is gone:", ada.name)

    # prune() -> nothing to call: the identity map drops objects nobody references
    print("has .prune:", hasattr(session, "prune"))
    session.scalars(select(User).where(User.name == "grace")).one()  # loaded, not kept
    gc.collect()
    print("objects in identity map:", len(session.identity_map))
    assert len(session.identity_map) == 1 and not hasattr(session, "prune")
