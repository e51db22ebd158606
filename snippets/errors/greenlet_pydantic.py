"""Pydantic's from_attributes reports MissingGreenlet as a get_attribute_error."""

import asyncio
import os

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # reads the attributes of User
    name: str


async def main():
    # DATABASE_URL must name an asyncio driver: postgresql+psycopg://, mysql+aiomysql://
    engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        # --8<-- [start:steps]
        new_session = async_sessionmaker(engine)  # the default: expire_on_commit=True
        async with new_session() as session:
            session.add(User(name="ada"))
            await session.commit()
            user = await session.scalar(select(User))

            print("1. a Pydantic model built from an object expired by commit()")
            await session.commit()
            errors = []
            try:
                UserOut.model_validate(user)  # reads user.name: that needs a query
            except ValidationError as error:
                errors = error.errors()
                print("model_validate():", type(error).__name__)
                print("    type:", errors[0]["type"])
                print("    msg:", errors[0]["msg"].splitlines()[0])
            assert errors[0]["type"] == "get_attribute_error"

            print("2. the same after an awaited refresh()")
            await session.refresh(user)  # loads the expired attributes
            print("model_validate():", repr(UserOut.model_validate(user)))
        # --8<-- [end:steps]
    finally:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
        await engine.dispose()


asyncio.run(main())
