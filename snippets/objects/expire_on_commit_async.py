"""An AsyncSession cannot reload on access; expire_on_commit=False keeps values."""

import asyncio
import os

from sqlalchemy import String
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def main():
    # DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
    engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        # --8<-- [start:steps]
        print("1. the default, expire_on_commit=True")
        new_session = async_sessionmaker(engine)
        async with new_session() as session:
            ada = User(name="ada")
            session.add(ada)
            await session.commit()
            try:
                ada.name  # expired: loading it needs a query, and nothing awaits it
            except StatementError as error:
                wrapped = type(error.orig).__name__
                print("ada.name:", type(error).__name__, "wrapping", wrapped)
            await session.refresh(ada)  # the same SELECT, awaited
            print("after await session.refresh(ada):", ada.name)

        print("2. expire_on_commit=False")
        new_session = async_sessionmaker(engine, expire_on_commit=False)

        async def create_user(name):
            async with new_session() as session:
                user = User(name=name)
                session.add(user)
                await session.commit()
                return user  # the session closes on the way out

        grace = await create_user("grace")
        print("grace.name after close:", grace.name)
        assert grace.name == "grace"
        # --8<-- [end:steps]
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
