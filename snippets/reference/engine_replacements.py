import os

from sqlalchemy import Integer, MetaData, Table, Column, create_engine, inspect, select, text

engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
metadata = MetaData()
counter = Table("counter", metadata, Column("id", Integer, primary_key=True), Column("n", Integer))
metadata.drop_all(engine)
metadata.create_all(engine)

removed = ["execute", "scalar", "has_table", "table_names", "run_callable", "transaction",
           "contextual_connect", "schema_for_object"]
print("gone from Engine:", [name for name in removed if not hasattr(engine, name)])
assert not any(hasattr(engine, name) for name in removed)

# Engine.execute / Engine.scalar -> a Connection from engine.begin() or engine.connect()
with engine.begin() as conn:
    conn.execute(counter.insert(), [{"n": 1}, {"n": 2}])
with engine.connect() as conn:
    print("conn.scalar:", conn.scalar(select(counter.c.n).order_by(counter.c.n.desc())))
    print("conn.execute:", conn.execute(text("SELECT count(*) FROM counter")).scalar_one())

# Engine.has_table / Engine.table_names -> the inspector
print("inspect(engine).has_table:", inspect(engine).has_table("counter"))
print("inspect(engine).get_table_names:", inspect(engine).get_table_names())


# Engine.run_callable / Engine.transaction -> call the function with a connection
def add_three(conn):
    conn.execute(counter.insert(), {"n": 3})
    return conn.scalar(select(counter.c.n).where(counter.c.n == 3))


with engine.begin() as conn:  # commits when the block ends, as transaction() did
    print("add_three(conn):", add_three(conn))

# Engine.contextual_connect -> engine.connect()
# Engine.schema_for_object -> Connection.schema_for_object, with schema_translate_map
with engine.connect().execution_options(schema_translate_map={None: "tenant_1"}) as conn:
    print("conn.schema_for_object:", conn.schema_for_object(counter))
