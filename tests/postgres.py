"""A real PostgreSQL server for the tests, started on loopback in a temporary folder.

It comes from Debian's `postgresql` package, installed here when missing (as root,
the way CI runs), and runs as the `postgres` user. `tests/conftest.py` starts one
per test session; each test that needs a database makes its own with `new_database`.
"""
import os
import shutil
import subprocess
import tempfile
import uuid

from harness.scale.services import postgres_bin
from harness.servers import free_port
from tests.debian import ensure_installed


def ensure_postgresql_installed():
    ensure_installed(bool(postgres_bin("initdb")), "postgresql")


def as_postgres(args):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, text=True)


class PostgresServer:
    def __init__(self) -> None:
        ensure_postgresql_installed()
        self.folder = tempfile.mkdtemp(prefix="clinic-pg-")
        os.chmod(self.folder, 0o777)
        self.data = os.path.join(self.folder, "data")
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        as_postgres([postgres_bin("initdb"), "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        as_postgres([postgres_bin("pg_ctl"), "-D", self.data, "-w", "-l", os.path.join(self.folder, "log"),
                     "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}", "start"])

    def new_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"clinic_{uuid.uuid4().hex[:12]}"
        as_postgres([postgres_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(self.port),
                     "-U", "postgres", name])
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def pause(self) -> None:
        """Stop the server, keeping its data (a database outage)."""
        as_postgres([postgres_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"])

    def resume(self) -> None:
        as_postgres([postgres_bin("pg_ctl"), "-D", self.data, "-w", "-l", os.path.join(self.folder, "log"),
                     "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}", "start"])

    def stop(self) -> None:
        try:
            as_postgres([postgres_bin("pg_ctl"), "-D", self.data, "-m", "fast", "stop"])
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
