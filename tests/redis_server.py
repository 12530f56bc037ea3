"""A real Redis server for the tests, on loopback, from Debian's `redis-server` (installed when missing)."""
import shutil
import subprocess
import tempfile
import time

from tests.debian import ensure_installed
from harness.servers import free_port


def ensure_redis_installed():
    ensure_installed(bool(shutil.which("redis-server")), "redis-server")


class RedisServer:
    def __init__(self) -> None:
        ensure_redis_installed()
        self.folder = tempfile.mkdtemp(prefix="clinic-redis-")
        self.port = free_port()
        self.process = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True).stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
