"""Which Session operations flush pending objects before they run, and which do not."""

import atexit
import os

from sqlalchemy import ForeignKey, String, create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through an engine whose events do not print
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    ada = User(name="ada", addresses=[Address()])
    session.add_all([ada, User(name="grace")])
    session.commit()
with Session(engine) as session:
    ada_id, grace_id = session.scalars(select(User.id).order_by(User.id)).all()
    detached_grace = session.get(User, grace_id)  # loaded, then detached by close()


# --8<-- [start:steps]
session = Session(engine)


def flushes_first(operation):
    """Add a new user, run the operation, and tell whether the user was flushed."""
    new_user = User(name="new")
    session.add(new_user)
    operation()
    return new_user not in session.new


ada = session.get(User, ada_id)

flushed = flushes_first(lambda: session.query(User).all())
print("legacy session.query():", flushed)
assert flushed
flushed = flushes_first(lambda: session.get(User, ada_id))
print("get() of a user already in the session:", flushed)
assert not flushed
flushed = flushes_first(lambda: session.get(User, grace_id))
print("get() of a user not loaded yet:", flushed)
assert flushed
session.expire(ada)
flushed = flushes_first(lambda: session.get(User, ada_id))
print("get() of an expired user:", flushed)
assert flushed
flushed = flushes_first(lambda: session.get(User, ada_id, populate_existing=True))
print("get(populate_existing=True):", flushed)
assert flushed
flushed = flushes_first(lambda: session.get(User, ada_id, with_for_update=True))
print("get(with_for_update=True):", flushed)
assert flushed

session.expire(ada)
flushed = flushes_first(lambda: ada.name)
print("reading an expired attribute:", flushed)
assert flushed
flushed = flushes_first(lambda: ada.addresses)
print("lazy-loading a one-to-many:", flushed)
assert flushed
address = ada.addresses[0]  # its user is not loaded yet, but ada is in the session
flushed = flushes_first(lambda: address.user)
print("lazy-loading a many-to-one already in the session:", flushed)
assert not flushed
flushed = flushes_first(lambda: session.refresh(ada))
print("refresh():", flushed)
assert flushed

flushed = flushes_first(lambda: session.merge(detached_grace))
print("merge():", flushed)
assert flushed
flushed = flushes_first(lambda: session.merge(detached_grace, load=False))
print("merge(load=False):", flushed)
assert not flushed

flushed = flushes_first(lambda: session.connection().execute(text("SELECT 1")))
print("session.connection().execute():", flushed)
assert not flushed
session.close()
# --8<-- [end:steps]
