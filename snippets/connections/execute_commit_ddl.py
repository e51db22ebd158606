"""DDL does not wait for commit() everywhere: it depends on the database and driver."""

import atexit
import os

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    inspect,
    select,
)

metadata = MetaData()
note = Table(
    "note",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", String(50)),
)
audit = Table("audit", metadata, Column("id", Integer, primary_key=True))
archive = Table("archive", metadata, Column("id", Integer, primary_key=True))
# A temporary table: it lives only as long as the connection that creates it
scratch = Table("scratch", MetaData(), Column("id", Integer), prefixes=["TEMPORARY"])

url = os.environ.get("DATABASE_URL", "sqlite://")
engine = create_engine(url)
note.create(engine)
# Drop the tables at exit; drop_all() skips those that were never created
atexit.register(metadata.drop_all, create_engine(url))


def bodies():
    with engine.connect() as conn:
        return conn.scalars(select(note.c.body)).all()


# --8<-- [start:steps]
print("1. CREATE TABLE, no commit()")
with engine.connect() as conn:
    audit.create(conn)
    # the block ends without commit(): SQLAlchemy sends ROLLBACK
table_kept = inspect(engine).has_table("audit")
print("table audit exists:", table_kept)
# PostgreSQL rolled the CREATE TABLE back; MariaDB and sqlite3 kept it
assert table_kept == (engine.dialect.name != "postgresql")

print("2. INSERT, then CREATE TABLE, no commit()")
with engine.connect() as conn:
    conn.execute(insert(note), {"body": "sent before the CREATE"})
    archive.create(conn)
print("table archive exists:", inspect(engine).has_table("archive"))
rows = bodies()
print("rows in note:", rows)
assert bool(rows) == (engine.dialect.name == "mysql")  # only MariaDB kept it

print("3. INSERT, then CREATE TEMPORARY TABLE, no commit()")
with engine.connect() as conn:
    conn.execute(insert(note), {"body": "sent before the CREATE TEMPORARY"})
    scratch.create(conn)
rows = bodies()
print("rows in note:", rows)
assert "sent before the CREATE TEMPORARY" not in rows  # rolled back everywhere
# --8<-- [end:steps]
