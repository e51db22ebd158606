"""Each removed Engine method has a replacement: the inspector, events, a connection."""

import atexit
import os

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    create_engine,
    event,
    insert,
    inspect,
    text,
)

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
metadata = MetaData()
counter = Table("counter", metadata, Column("id", Integer, primary_key=True))
metadata.create_all(engine)
# Drop the table when the script ends, through an engine whose events do not print
atexit.register(metadata.drop_all, create_engine(url))


def count_rows(conn):
    return conn.scalar(text("SELECT count(*) FROM counter"))


# --8<-- [start:steps]
print("1. Engine.has_table(), Engine.table_names(): ask the inspector")
print("has_table:", inspect(engine).has_table("counter"))
print("get_table_names:", inspect(engine).get_table_names())

print("2. Engine(proxy=...): connection events")


@event.listens_for(engine, "before_execute")
def on_execute(conn, statement, multiparams, params, execution_options):
    print(f"    engine: {statement}")


@event.listens_for(engine, "commit")
def on_commit(conn):
    print("    engine: COMMIT")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    print("    engine: ROLLBACK")


print("3. Engine.execute(), transaction(): engine.begin(), which commits")
with engine.begin() as conn:
    conn.execute(insert(counter), [{"id": 1}, {"id": 2}])

print("4. Engine.scalar(), run_callable(), contextual_connect(): connect()")
with engine.connect() as conn:
    rows = count_rows(conn)  # was engine.run_callable(count_rows)
print("rows:", rows)
assert rows == 2  # the rows that the engine.begin() block committed
# --8<-- [end:steps]
