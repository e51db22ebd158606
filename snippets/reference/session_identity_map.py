"""The identity map lets go of unchanged objects, keeps changed ones until flush."""

import atexit
import gc
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
Base.metadata.create_all(engine)
# Drop the tables when the script ends, through a separate engine
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.add_all([User(name="ada"), User(name="grace")])
    session.commit()

# --8<-- [start:steps]
# Session.prune() and the 1.3 default weak_identity_map=True need no replacement
session = Session(engine)
print("1. load two users, change one, and keep no reference to either")
users = session.scalars(select(User).order_by(User.id)).all()
users[1].name = "Grace"
del users
gc.collect()
kept = [user.name for user in session.identity_map.values()]
print("still in the identity map:", kept)
assert kept == ["Grace"]  # ada was let go; Grace's change is not flushed yet

print("2. flush(): the change is sent, and the map lets go of Grace too")
session.flush()
gc.collect()
print("objects in the identity map:", len(session.identity_map))
session.close()
# --8<-- [end:steps]
