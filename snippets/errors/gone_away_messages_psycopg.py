"""Whether the server or the network drops it, psycopg 3 raises a disconnect error."""

import os
import socket
import sys
import threading
import time

from sqlalchemy import NullPool, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError

# Needs PostgreSQL with psycopg 3 (pip install "psycopg[binary]"): elsewhere it stops.
url = os.environ.get("DATABASE_URL", "sqlite://")
if not url.startswith("postgresql"):
    print("this example needs PostgreSQL: set DATABASE_URL")
    sys.exit(0)
admin = create_engine(url, poolclass=NullPool)  # a separate session, as a DBA would use


def pipe(source, target):
    """Copy bytes one way; pass an end of stream on, as TCP relays do."""
    try:
        while data := source.recv(65536):
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)
    except OSError:  # cut() closed the sockets
        pass


class Relay:
    """A TCP relay on 127.0.0.1 between the engine and the server. cut() closes its
    connections without a word, as a load balancer or a NAT gateway may do."""

    def __init__(self, host, port):
        self.server_address = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(self.server_address)
            self.sockets += [client, server]
            threading.Thread(target=pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=pipe, args=(server, client), daemon=True).start()

    def cut(self):
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed at the other end
                pass
            sock.close()
        self.sockets.clear()


def wait_until_gone(server_id, wait_event=None, seconds=30):
    """Poll the server until the session is gone (or, with wait_event, waiting)."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE pid = :id"
    if wait_event:
        query += " AND wait_event = :event"
    deadline = time.monotonic() + seconds
    while True:
        with admin.connect() as conn:
            found = conn.scalar(text(query), {"id": server_id, "event": wait_event})
        if bool(found) == bool(wait_event):
            return
        assert time.monotonic() < deadline, f"session {server_id} did not change"
        time.sleep(0.05)


def kill_when_sleeping(server_id):
    wait_until_gone(server_id, wait_event="PgSleep")  # the query is running
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:id)"), {"id": server_id})


def run(engine, sql):
    """Run one statement; print SQLAlchemy's error and the driver's message."""
    try:
        with engine.connect() as conn:
            print("    ->", conn.scalar(text(sql)))
    except DBAPIError as error:
        invalidated = error.connection_invalidated
        print(f"    {type(error).__name__}, connection_invalidated={invalidated}")
        lines = str(error.orig).splitlines()
        print(f"    driver: {type(error.orig).__name__}: {lines[0]}")
        for line in lines[1:]:
            print("           ", line.strip())
        return error


# --8<-- [start:steps]
server = make_url(url)
relay = Relay(server.host, server.port or 5432)
engine = create_engine(server.set(host="127.0.0.1", port=relay.port))
event.listen(engine, "connect", lambda *args: print("    pool: new connection"))

print("1. the server ends the session while a query runs (pg_terminate_backend)")
with engine.connect() as conn:
    server_id = conn.scalar(text("SELECT pg_backend_pid()"))
killer = threading.Thread(target=kill_when_sleeping, args=(server_id,))
killer.start()
run(engine, "SELECT pg_sleep(30)")
killer.join()

print("2. the network drops an idle connection: the server says nothing")
run(engine, "SELECT 1")  # a new connection, now idle in the pool
relay.cut()
error = run(engine, "SELECT 1")
assert error.connection_invalidated  # no word from the server: still a disconnect

print("3. the next checkout")
run(engine, "SELECT 1")
engine.dispose()
# --8<-- [end:steps]
