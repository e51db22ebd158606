import os
import tempfile
import threading

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase, Mapped, Session, mapped_column, scoped_session, sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def run(name, work, outcomes):
    try:
        work()
        outcomes[name] = "ok"
    except InvalidRequestError as error:
        outcomes[name] = f"{type(error).__name__}\n        {error.args[0]}"


with tempfile.TemporaryDirectory() as tmp:
    engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/app.db"))
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    engine.dispose()  # empty pool: the next query has to open a connection

    # Pin down the timing of a race: thread A is held inside the connect
    # until thread B has made its call on the same Session.
    a_is_connecting, b_is_done = threading.Event(), threading.Event()

    @event.listens_for(engine, "connect")
    def hold_thread_a(dbapi_connection, connection_record):
        if threading.current_thread().name == "A":
            a_is_connecting.set()
            b_is_done.wait(timeout=10)

    def close_shared_session():
        a_is_connecting.wait(timeout=10)
        run("B: close()", shared.close, outcomes)
        b_is_done.set()

    print("1. one Session shared by two threads")
    shared = Session(engine)
    outcomes = {}
    threads = [
        threading.Thread(name="A", target=run,
                         args=("A: query", lambda: shared.scalars(select(User)).all(), outcomes)),
        threading.Thread(name="B", target=close_shared_session),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in sorted(outcomes):
        print(f"    {name}: {outcomes[name]}")
    assert outcomes["B: close()"].startswith("IllegalStateChangeError")
    shared.close()

    print("2. the fix: scoped_session gives each thread its own Session")
    event.remove(engine, "connect", hold_thread_a)
    ScopedSession = scoped_session(sessionmaker(engine))

    sessions, both_running = [], threading.Barrier(2)

    def own_session_work():
        sessions.append(ScopedSession())  # this thread's Session, created on first use
        both_running.wait(timeout=10)  # both threads hold their session at this point
        ScopedSession.scalars(select(User)).all()
        ScopedSession.remove()  # close this thread's session at the end of its work

    fixed = {}
    threads = [threading.Thread(target=run, args=(name, own_session_work, fixed))
               for name in ("A: query", "B: query")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in sorted(fixed):
        print(f"    {name}: {fixed[name]}")
    print("    each thread had its own Session:", sessions[0] is not sessions[1])
    assert fixed == {"A: query": "ok", "B: query": "ok"} and sessions[0] is not sessions[1]
    engine.dispose()
