"""With echo_pool='debug', a leak is a connection checked out and never returned."""

import logging
import os
import sys
import tempfile

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session


class Numbered(logging.Formatter):
    """The pool's log lines, with each connection shown as <connection 1>, 2, ...
    instead of its repr (which holds a memory address, and a port on a server)."""

    def __init__(self):
        super().__init__("    log: %(levelname)s %(message)s")
        self.numbers = {}

    def label(self, arg):
        if isinstance(arg, (str, int, float)):
            return arg
        number = self.numbers.setdefault(id(arg), len(self.numbers) + 1)
        return f"<connection {number}>"

    def format(self, record):
        record.msg = str(record.msg).replace("%r", "%s")
        record.args = tuple(self.label(arg) for arg in record.args or ())
        return super().format(record)


# Your own handler on the pool's logger, added before the engine is created, so that
# echo_pool adds none of its own (which prints the time on each line)
pool_logger = logging.getLogger("sqlalchemy.pool.impl.QueuePool")
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(Numbered())
pool_logger.addHandler(handler)

folder = tempfile.TemporaryDirectory()  # a file database, which SQLite pools too
url = os.environ.get("DATABASE_URL", f"sqlite:///{folder.name}/leak.db")

# --8<-- [start:steps]
engine = create_engine(url, echo_pool="debug")
open_reports = []  # whatever keeps a session alive: a global, a cache, a thread


def ping():  # healthy
    with Session(engine) as session:
        return session.scalar(select(1))


def report():  # leaks: its session is never closed
    session = Session(engine)
    open_reports.append(session)
    return session.scalar(select(2))


print("1. ping()")
ping()
print("2. report()")
report()
print("3. ping()")
ping()
print("4. the pool's count")
print("   ", engine.pool.status())
assert engine.pool.checkedout() == 1
# --8<-- [end:steps]
pool_logger.removeHandler(handler)
for session in open_reports:
    session.close()
engine.dispose()
