import os
import tempfile

from sqlalchemy import create_engine, event, exc, text

with tempfile.TemporaryDirectory() as folder:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{folder}/pooling.db")
    # A small pool so the limit is easy to reach: 2 kept + 1 overflow = 3 at most.
    engine = create_engine(url, pool_size=2, max_overflow=1, pool_timeout=0.1)
    pool = engine.pool
    closed = []
    event.listen(engine, "close", lambda *args: closed.append(1))

    held = []
    for number in range(1, 5):
        try:
            held.append(engine.connect())
            print(f"connection {number}: checked out, total {pool.checkedout()}")
        except exc.TimeoutError as error:
            print(f"connection {number}: {type(error).__name__}")
            print("    message:", str(error).split(",")[0])
            limit_error = error
    assert len(held) == 3 and "QueuePool limit of size 2 overflow 1" in str(limit_error)

    held.pop().close()
    print("after returning one: in pool", pool.checkedin(), "checked out", pool.checkedout())
    with engine.connect() as conn:
        print("the next connect() works:", conn.execute(text("SELECT 1")).scalar())

    for conn in held:
        conn.close()
    # The pool keeps pool_size connections; the one above that is closed on return.
    print("all returned: in pool", pool.checkedin(), "closed", len(closed))
    assert pool.checkedin() == 2 and len(closed) == 1
    engine.dispose()
