import asyncio
import os

from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


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


async def main():
    # DATABASE_URL must name an async driver, e.g. postgresql+asyncpg://...
    engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite://"))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    queries = []
    event.listen(engine.sync_engine, "before_cursor_execute", lambda *args: queries.append(1))

    results = []

    def report(label, value):
        print(f"    {label:44} {value}  queries: {len(queries)}")
        results.append(value)

    def emails(user):
        return [address.email for address in user.addresses]

    def first_user_emails(sync_session):
        """Code written for the plain Session: lazy loading works in here."""
        return emails(sync_session.scalars(select(User)).first())

    new_session = async_sessionmaker(engine, expire_on_commit=False)
    async with new_session() as session:
        print("1. expire_on_commit=False: nothing to reload after commit()")
        user = User(name="ada", addresses=[Address(email="ada@example.com")])
        session.add(user)
        await session.commit()
        queries.clear()
        report("user.name", user.name)

    async with new_session() as session:
        print("2. load the relationship in the query: selectinload()")
        queries.clear()
        user = await session.scalar(select(User).options(selectinload(User.addresses)))
        report("select(User).options(selectinload(...))", emails(user))

    async with new_session() as session:
        print("3. load it later, with an await")
        user = await session.scalar(select(User))
        queries.clear()
        loaded = await user.awaitable_attrs.addresses
        report("await user.awaitable_attrs.addresses", [address.email for address in loaded])

    async with new_session() as session:
        user = await session.scalar(select(User))
        queries.clear()
        await session.refresh(user, ["addresses"])
        report('await session.refresh(user, ["addresses"])', emails(user))

    async with new_session() as session:
        print("4. run sync code, lazy loads included, with run_sync()")
        queries.clear()
        report("await session.run_sync(first_user_emails)",
               await session.run_sync(first_user_emails))

    assert results == ["ada"] + [["ada@example.com"]] * 4
    await engine.dispose()


asyncio.run(main())
