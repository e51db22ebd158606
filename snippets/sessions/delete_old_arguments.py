"""The 1.3 call delete(table, whereclause) raises TypeError in 2.x: chain .where()."""

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, delete

metadata = MetaData()
user_table = Table(
    "user_account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50)),
)
engine = create_engine("sqlite://")

# --8<-- [start:steps]
print("1. the 1.3 spellings")
try:
    delete(user_table, user_table.c.id == 1)
except TypeError as error:
    print("delete(table, whereclause):", error)
try:
    delete(user_table, bind=engine)
except TypeError as error:
    print("delete(table, bind=engine):", error)
try:
    MetaData(bind=engine)
except TypeError as error:
    print("MetaData(bind=engine):", error)

print("2. the 2.x spelling")
statement = delete(user_table).where(user_table.c.id == 1)
print(statement)
# --8<-- [end:steps]
