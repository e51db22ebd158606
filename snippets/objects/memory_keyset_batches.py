"""Changing rows in batches by primary key, committing each, holds 100 objects."""

import atexit
import os

from sqlalchemy import String, create_engine, func, insert, select
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
# Drop the tables when the script ends, through an engine of its own
atexit.register(Base.metadata.drop_all, create_engine(url))
with Session(engine) as session:
    session.execute(insert(User), [{"name": f"user {i}"} for i in range(1000)])
    session.commit()

# --8<-- [start:steps]
print("1. change every user, 100 rows per batch, commit() after each batch")
batches = most = 0
last_id = 0
with Session(engine) as session:
    while True:
        stmt = select(User).where(User.id > last_id).order_by(User.id).limit(100)
        batch = session.scalars(stmt).all()
        if not batch:
            break
        for user in batch:
            user.name = user.name.upper()
        most = max(most, len(session.identity_map))
        last_id = batch[-1].id
        session.commit()
        batches += 1
print("batches:", batches, "most objects in the session at once:", most)
assert most == 100

with Session(engine) as session:
    stmt = select(func.count(User.id)).where(User.name.startswith("USER"))
    print("rows changed:", session.scalar(stmt))
# --8<-- [end:steps]
