"""Without an await, a read that needs a query raises MissingGreenlet; others do not."""

import asyncio
import os

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


async def main():
    # DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
    engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        # --8<-- [start:steps]
        new_session = async_sessionmaker(engine)  # the default: expire_on_commit=True
        async with new_session() as session:
            session.add(User(name="ada", addresses=[Address(email="ada@example.com")]))
            await session.commit()

            print("1. a relationship the query did not load")
            user = await session.scalar(select(User))
            failure = None
            try:
                user.addresses  # lazy loading needs a query, and nothing awaits it
            except StatementError as error:  # asyncpg raises MissingGreenlet itself
                failure = error.orig
                print("user.addresses:", type(error).__name__, "from", repr(failure))
            assert isinstance(failure, MissingGreenlet)

            print("2. a many-to-one whose target is already loaded in the session")
            address = await session.scalar(select(Address))
            print("address.user is user:", address.user is user)  # no query needed
            assert address.user is user

            print("3. a column attribute, expired by commit()")
            await session.commit()
            failure = None
            try:
                user.name  # expired: loading it needs a query too
            except StatementError as error:
                failure = error.orig
                print("user.name:", type(error).__name__, "from", repr(failure))
            assert isinstance(failure, MissingGreenlet)
        # --8<-- [end:steps]
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
