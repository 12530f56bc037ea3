"""The booking store on a real PostgreSQL server, started by this test on loopback.

The server comes from Debian's `postgresql` package, installed here when missing
(as root, the way CI runs). It runs as the `postgres` user in a temporary folder.
"""
import glob
import os
import shutil
import socket
import subprocess
import tempfile

import pytest

from actions.storage import BookingStore
from tests.actions.test_storage import REQUEST


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else None


def ensure_postgresql_installed():
    if postgres_bin("initdb"):
        return
    if os.geteuid() != 0:
        pytest.fail("PostgreSQL is not installed and this test is not root: apt-get install postgresql")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def as_postgres(args):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, text=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    ensure_postgresql_installed()
    folder = tempfile.mkdtemp(prefix="bookings-pg-")
    os.chmod(folder, 0o777)
    data = os.path.join(folder, "data")
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    as_postgres([postgres_bin("initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"])
    as_postgres([postgres_bin("pg_ctl"), "-D", data, "-w", "-l", os.path.join(folder, "log"),
                 "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}", "start"])
    try:
        as_postgres([postgres_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "clinic"])
        yield f"postgresql://postgres@127.0.0.1:{port}/clinic"
    finally:
        as_postgres([postgres_bin("pg_ctl"), "-D", data, "-m", "fast", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def test_bookings_round_trip_through_postgresql(postgres_url):
    store = BookingStore(postgres_url)
    try:
        reference = store.save(REQUEST)
        second = store.save(REQUEST.__class__(**{**REQUEST.__dict__, "name": "Zoë Ñúñez-O'Brien"}))
        assert store.find(reference)["name"] == "'; DROP TABLE bookings; --"
        assert store.find(second)["name"] == "Zoë Ñúñez-O'Brien"
        assert store.find(reference)["preferred_start"] == REQUEST.preferred_start  # the zone is kept
        assert len(store.all()) == 2
    finally:
        store.dispose()
