import asyncio
import gc
import os
import warnings

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
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


def read(label, get_value):
    """Read an attribute without an await; print and return the error's class name."""
    # With aiosqlite the failure also leaves a coroutine that was never awaited;
    # record its RuntimeWarning here instead of letting it reach stderr.
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            get_value()
        except (MissingGreenlet, StatementError) as error:
            # aiosqlite and psycopg wrap it in StatementError; asyncpg raises it bare
            cause = error.orig if isinstance(error, StatementError) else error
            name, message = type(cause).__name__, cause.args[0]
            del cause  # its traceback holds on to that coroutine
        gc.collect()
    print(f"    {label}: {name}")
    print(f"      {message}")
    return name


async def main():
    # DATABASE_URL must name an async driver, e.g. postgresql+asyncpg://...
    engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)

    new_session = async_sessionmaker(engine)  # the default: expire_on_commit=True
    async with new_session() as session:
        session.add(User(name="ada", addresses=[Address(email="ada@example.com")]))
        await session.commit()

        print("1. a relationship that was not loaded (lazy loading)")
        user = await session.scalar(select(User))
        first = read("user.addresses", lambda: user.addresses)

        print("2. a column attribute expired by commit()")
        await session.commit()
        second = read("user.name", lambda: user.name)

    assert first == second == "MissingGreenlet"
    await engine.dispose()


asyncio.run(main())
