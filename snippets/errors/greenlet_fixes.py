"""Each fix runs its queries inside an awaited call: no read raises MissingGreenlet."""

import asyncio
import os

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


class Base(AsyncAttrs, DeclarativeBase):  # AsyncAttrs adds obj.awaitable_attrs
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


def emails(user):
    """Sync code: reads user.addresses, a lazy-loaded relationship."""
    return [address.email for address in user.addresses]


def first_user_emails(sync_session):
    """Sync code written for the plain Session; run_sync() runs it as it is."""
    return emails(sync_session.scalars(select(User)).first())


async def main():
    # DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
    engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        # --8<-- [start:steps]
        new_session = async_sessionmaker(engine, expire_on_commit=False)

        print("1. expire_on_commit=False: commit() leaves loaded attributes loaded")
        async with new_session() as session:
            user = User(name="ada", addresses=[Address(email="ada@example.com")])
            session.add(user)
            await session.commit()
            print("user.name:", user.name)

        print("2. selectinload(): the query loads the relationship too")
        async with new_session() as session:
            query = select(User).options(selectinload(User.addresses))
            user = await session.scalar(query)
            print("emails:", emails(user))

        print("3. awaitable_attrs: load it later, with an await")
        async with new_session() as session:
            user = await session.scalar(select(User))
            addresses = await user.awaitable_attrs.addresses
            print("emails:", [address.email for address in addresses])

        print("4. refresh() with the attribute's name")
        async with new_session() as session:
            user = await session.scalar(select(User))
            await session.refresh(user, ["addresses"])
            print("emails:", emails(user))

        print("5. run_sync(): sync code, lazy loads included")
        async with new_session() as session:
            print("emails:", await session.run_sync(first_user_emails))
        # --8<-- [end:steps]
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
