import os
import tempfile
import threading

from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


with tempfile.TemporaryDirectory() as tmp:
    # a file database, so that threads share it through a QueuePool
    engine = create_engine(os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/app.db"))
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    Session = scoped_session(sessionmaker(engine))

    print("1. one thread, one session")
    main_session = Session()
    print("Session() is Session():", Session() is main_session)

    print("2. two threads, two sessions")
    both_started = threading.Barrier(2)
    seen = {}

    def handle_request(name):
        session = Session()
        session.scalars(select(User)).all()  # the session now holds a connection
        both_started.wait()
        seen[name] = (session, engine.pool.checkedout())
        both_started.wait()  # nobody removes before both have looked
        Session.remove()

    threads = [threading.Thread(target=handle_request, args=(n,)) for n in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    session_a, session_b = seen["A"][0], seen["B"][0]
    print("A and B got different sessions:", session_a is not session_b)
    print("neither is the main thread's:", main_session not in (session_a, session_b))
    print("connections in use while both ran:", seen["A"][1])
    print("connections in use after both remove():", engine.pool.checkedout())

    print("3. remove() closes the session and forgets it")
    event.listen(engine, "checkout", lambda *args: print("    pool: connection checked out"))
    event.listen(engine, "checkin", lambda *args: print("    pool: connection returned"))
    Session.add(User(name="not saved"))  # proxied to this thread's session
    Session.flush()  # INSERT sent inside a transaction
    print("registry has a session:", Session.registry.has())
    print("Session.remove()")
    Session.remove()
    print("registry has a session:", Session.registry.has())
    print("next Session() is new:", Session() is not main_session)
    rows = Session.scalar(select(func.count()).select_from(User))
    print("rows (the flush was rolled back):", rows)
    Session.remove()
    engine.dispose()

assert session_a is not session_b and seen["A"][1] == 2 and rows == 0
