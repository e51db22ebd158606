import os
import tempfile
import time

from sqlalchemy import create_engine, event, select

folder = tempfile.TemporaryDirectory()
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/pre_ping.db")
events = []


def pool_event(name):
    def listener(*args):
        events.append(name)
        print("    pool:", name)

    return listener


def make_engine(**options):
    engine = create_engine(url, **options)
    for name in ("connect", "invalidate", "close"):
        event.listen(engine, name, pool_event(name))
    return engine


def server_drops_idle_connection(engine):
    """What the server does to a connection left idle past its timeout."""
    with engine.connect() as conn:
        dbapi_connection = conn.connection.dbapi_connection
    dbapi_connection.close()  # the pool still holds it and thinks it is fine


def first_query_after_the_drop(engine):
    print("checking out")
    events.clear()
    with engine.connect() as conn:
        result = conn.scalar(select(1))
    print("query result:", result)
    return result


print("1. pool_pre_ping=True: the checkout tests the connection and replaces it")
engine = make_engine(pool_pre_ping=True)
server_drops_idle_connection(engine)
assert first_query_after_the_drop(engine) == 1
assert events == ["invalidate", "close", "connect"]
engine.dispose()

print("2. pool_recycle=1: a connection older than 1 second is replaced at checkout")
engine = make_engine(pool_recycle=1)
server_drops_idle_connection(engine)
time.sleep(1.1)  # stands for the hours a connection can sit idle in a pool
assert first_query_after_the_drop(engine) == 1
assert events == ["close", "connect"]  # replaced by age, no failed test needed
engine.dispose()
folder.cleanup()
