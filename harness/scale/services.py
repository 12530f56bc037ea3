"""Start and stop the scale-out stack on loopback, every piece in one temporary folder.

- PostgreSQL (Debian's binaries, run as the `postgres` user when we are root): the tracker
  store's database `rasa` and the booking store's database `clinic`, both owned by a role
  `clinic` that logs in with a password over TCP;
- Redis, Rasa's lock store, with a password and no persistence;
- nginx with two upstreams: the Rasa replicas (the REST channel is reached through it) and
  the action servers (the replicas' `action_endpoint` points at it); it appends the client's
  address to `X-Forwarded-For`, and the replicas trust that one proxy (`SANIC_PROXIES_COUNT=1`),
  so each client has its own per-address bucket, as behind a production ingress;
- two action servers (`python -m actions.server`) and two Rasa replicas (`rasa run`), the
  replicas on `deploy/endpoints.production.yml` itself, its variables set in their environment,
  with socket.io through the Redis (`SOCKETIO_REDIS_URL`) and the hand-over channel on
  (`HANDOVER_TOKEN`, `BOOKINGS_DATABASE_URL`), as in production.

The Debian packages are installed with apt-get when missing (as root). The system's own
services are never used: every binary runs in the foreground, in its own process group,
with its data, logs, pid and temp files in the folder. `Stack.close()` stops every process
group (SIGTERM, then SIGKILL) and removes the folder; use it as a context manager.
"""
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import requests
from harness.servers import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOOPBACK = "127.0.0.1"
PRODUCTION_ENDPOINTS = PROJECT_DIR / "deploy" / "endpoints.production.yml"
CREDENTIALS = PROJECT_DIR / "credentials.yml"
START_TIMEOUT_S = 240  # a replica loads its model in 15-40 s alone, slower when two start on 2 cores
STOP_TIMEOUT_S = 20
APT_TIMEOUT_S = 900
DB_USER = "clinic"
TRACKER_DB = "rasa"
BOOKINGS_DB = "clinic"
REDIS_DB = 1
LOCK_KEY_PREFIX = "clinic"  # deploy/endpoints.production.yml: key_prefix
# One proxy (nginx) in front of the replicas: Sanic then takes the client's address from the last
# X-Forwarded-For entry, the one nginx added (Sanic 21.12: sanic/headers.py parse_xforwarded).
TRUSTED_PROXIES = 1

# nginx: how a dead replica is routed around (see nginx_config).
CONNECT_TIMEOUT_S = 1
READ_TIMEOUT_S = 90  # above the lock lifetime plus a turn: a slow answer is waited for, never sent twice
FAIL_TIMEOUT_S = 5
NEXT_UPSTREAM_TIMEOUT_S = 120

Log = Callable[[str], None]


def postgres_bin(name: str) -> Optional[str]:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else None


def nginx_bin() -> Optional[str]:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def missing_packages() -> List[str]:
    """The Debian packages of the stack that are not installed."""
    present = {
        "postgresql": postgres_bin("initdb") and postgres_bin("postgres"),
        "redis-server": shutil.which("redis-server") or os.path.exists("/usr/bin/redis-server"),
        "nginx": nginx_bin(),
    }
    return [package for package, found in present.items() if not found]


def ensure_packages(log: Log) -> None:
    missing = missing_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        raise RuntimeError(f"missing Debian packages and not root: apt-get install {' '.join(missing)}")
    log(f"setup: apt-get install {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=APT_TIMEOUT_S, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, timeout=APT_TIMEOUT_S, env=env)
    still = missing_packages()
    if still:
        raise RuntimeError(f"apt-get did not install {still}")


def nginx_config(prefix: Path, rasa_listen: int, actions_listen: int,
                 rasa_ports: Sequence[int], action_ports: Sequence[int]) -> str:
    """nginx in the foreground, everything under `prefix`, one upstream for the replicas and one for the action servers.

    A replica that dies is routed around: a request that fails on it with a connection error
    (refused, reset: the process is gone), a connect timeout or a 502 is sent to the next
    server, POSTs included (`non_idempotent`: safe here because the REST channel answers a
    repeated `message_id` with its first replies). The read timeout is long, so a slow answer
    is waited for and never handled twice. `max_fails=1 fail_timeout=5s`: after one failure a
    server is left out for 5 s, then tried again (a refused connect on loopback costs nothing).
    """
    def upstream(name: str, ports: Sequence[int]) -> str:
        servers = "".join(
            f"        server {LOOPBACK}:{port} max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s;\n" for port in ports)
        return f"    upstream {name} {{\n{servers}    }}\n"

    def server(listen: int, upstream_name: str) -> str:
        return (
            f"    server {{\n"
            f"        listen {LOOPBACK}:{listen};\n"
            f"        location / {{\n"
            f"            proxy_pass http://{upstream_name};\n"
            f"            proxy_set_header Host $host;\n"
            # what the client sent, then the address nginx saw: the entry the replicas trust (TRUSTED_PROXIES)
            f"            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
            f"            proxy_connect_timeout {CONNECT_TIMEOUT_S}s;\n"
            f"            proxy_send_timeout 10s;\n"
            f"            proxy_read_timeout {READ_TIMEOUT_S}s;\n"
            f"            proxy_next_upstream error timeout http_502 non_idempotent;\n"
            f"            proxy_next_upstream_tries {len(ports_of[upstream_name])};\n"
            f"            proxy_next_upstream_timeout {NEXT_UPSTREAM_TIMEOUT_S}s;\n"
            f"        }}\n"
            f"    }}\n"
        )

    ports_of = {"rasa_replicas": list(rasa_ports), "action_servers": list(action_ports)}
    return (
        "daemon off;\n"
        "master_process on;\n"
        "worker_processes 1;\n"
        f"pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\n"
        "events {\n    worker_connections 1024;\n}\n"
        "http {\n"
        "    log_format upstreams '$msec $status $request_time \"$upstream_addr\" \"$upstream_status\" $request_uri';\n"
        f"    access_log {prefix}/access.log upstreams;\n"
        f"    client_body_temp_path {prefix}/client_body;\n"
        f"    proxy_temp_path {prefix}/proxy;\n"
        f"    fastcgi_temp_path {prefix}/fastcgi;\n"
        f"    uwsgi_temp_path {prefix}/uwsgi;\n"
        f"    scgi_temp_path {prefix}/scgi;\n"
        "    client_max_body_size 1m;\n"
        "    client_body_buffer_size 1m;\n"  # a tracker sent to the action server stays in memory
        + upstream("rasa_replicas", rasa_ports)
        + upstream("action_servers", action_ports)
        + server(rasa_listen, "rasa_replicas")
        + server(actions_listen, "action_servers")
        + "}\n"
    )


def redis_config(folder: Path, port: int, password: str) -> str:
    return (
        f"port {port}\nbind {LOOPBACK}\nprotected-mode yes\ndaemonize no\n"
        f"save \"\"\nappendonly no\ndir {folder}\nrequirepass {password}\nlogfile \"\"\n"
    )


def replica_env(base: Dict[str, str], postgres_port: int, db_password: str, redis_port: int, redis_password: str,
                actions_url: str, action_token: str, lock_lifetime_s: int, socketio_redis: bool = False,
                handover_token: str = "", bookings_url: str = "") -> Dict[str, str]:
    """What `deploy/endpoints.production.yml` reads, the trusted proxy, the sender limit and the lock lifetime;
    with `socketio_redis`, `handover_token` and `bookings_url` (the stack sets them), socket.io through the lock
    store's Redis and the hand-over channel, as deploy/helm/rasa-values.yml sets them. Without them (a server
    with no Redis behind it), socket.io stays in the process and the hand-over off."""
    extra = {}
    if socketio_redis:
        # the widget's sockets across the replicas (channels/socketio.py): the lock store's Redis, as in production
        extra["SOCKETIO_REDIS_URL"] = f"redis://:{redis_password}@{LOOPBACK}:{redis_port}/{REDIS_DB}"
    if handover_token:
        # the staff console's hand-over channel (channels/handover.py)
        extra["HANDOVER_TOKEN"] = handover_token
    if bookings_url:
        # the bookings database the hand-over's sweep reads (the action servers' own)
        extra["BOOKINGS_DATABASE_URL"] = bookings_url
    return {
        **base,
        "ACTION_SERVER_URL": actions_url,
        "ACTION_SERVER_TOKEN": action_token,
        "DB_HOST": LOOPBACK, "DB_PORT": str(postgres_port), "DB_USER": DB_USER, "DB_PASSWORD": db_password,
        "DB_NAME": TRACKER_DB,
        "REDIS_HOST": LOOPBACK, "REDIS_PORT": str(redis_port), "REDIS_PASSWORD": redis_password,
        "REDIS_DB": str(REDIS_DB),
        # Rasa reads it when rasa.core.lock_store is imported: how long a ticket of the conversation lock lives
        "TICKET_LOCK_LIFETIME": str(int(lock_lifetime_s)),
        # nginx is the one proxy in front (deploy/helm/rasa-values.yml sets the same for the ingress):
        # each client's address is its own, so the per-address limit stays the production one
        "SANIC_PROXIES_COUNT": str(TRUSTED_PROXIES),
        "RATE_LIMIT_PER_SENDER": "1000/60",
        **extra,
    }


def as_postgres_user() -> Dict[str, object]:
    """subprocess arguments that run a command as `postgres` (it refuses to run as root); none when not root."""
    return {"user": "postgres", "group": "postgres", "extra_groups": []} if os.geteuid() == 0 else {}


@dataclass
class Process:
    """A process started in its own process group; `stop` ends the whole group."""

    name: str
    popen: subprocess.Popen
    log: Path
    stop_signal: int = signal.SIGTERM

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def _signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.popen.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        if self.alive():
            self._signal_group(self.stop_signal)
            try:
                self.popen.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                pass
        self._signal_group(signal.SIGKILL)  # whatever is left of the group (children, a hung leader)
        try:
            self.popen.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            pass


@dataclass
class Stack:
    """The running stack: its addresses, secrets and processes."""

    log: Log = print
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="clinic-scale-")))
    processes: List[Process] = field(default_factory=list)
    replicas: List[Process] = field(default_factory=list)
    action_servers: List[Process] = field(default_factory=list)
    postgres_port: int = 0
    db_password: str = field(default_factory=lambda: secrets.token_hex(16))
    redis_port: int = 0
    redis_password: str = field(default_factory=lambda: secrets.token_hex(16))
    action_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    handover_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    rasa_url: str = ""  # nginx, in front of the replicas
    actions_url: str = ""  # nginx, in front of the action servers
    replica_ports: List[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        os.chmod(self.folder, 0o755)  # postgres and nginx's workers run as other users

    def __enter__(self) -> "Stack":
        return self

    def __exit__(self, *_) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------
    def _env(self) -> Dict[str, str]:
        return {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "2",
                "RASA_TELEMETRY_ENABLED": "false", "PYTHONUNBUFFERED": "1"}

    def _spawn(self, name: str, command: List[str], env: Optional[Dict[str, str]] = None,
               stop_signal: int = signal.SIGTERM, as_postgres: bool = False, cwd: Optional[Path] = None) -> Process:
        log = self.folder / f"{name}.log"
        extra = as_postgres_user() if as_postgres else {}
        with log.open("ab") as out:
            popen = subprocess.Popen(command, cwd=cwd or PROJECT_DIR, env=env or self._env(), stdout=out,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                                     **extra)
        process = Process(name, popen, log, stop_signal)
        self.processes.append(process)
        return process

    def _run_as_postgres(self, command: List[str], cwd: Path) -> None:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, **as_postgres_user())
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr[-2000:]}")

    @staticmethod
    def _wait(what: str, ready: Callable[[], bool], processes: Sequence[Process], timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for process in processes:
                if not process.alive():
                    raise RuntimeError(f"{process.name} exited while starting:\n{process.log_tail()}")
            try:
                if ready():
                    return
            except Exception:  # noqa: BLE001 - not up yet
                pass
            time.sleep(0.5)
        tails = "\n".join(f"--- {p.name}\n{p.log_tail()}" for p in processes)
        raise RuntimeError(f"{what} did not come up in {timeout_s:.0f}s\n{tails}")

    @staticmethod
    def _port_open(port: int) -> bool:
        with socket.socket() as sock:
            sock.settimeout(1)
            return sock.connect_ex((LOOPBACK, port)) == 0

    # -- services ------------------------------------------------------------------------
    def start_postgres(self) -> None:
        pg = self.folder / "postgres"
        pg.mkdir()
        if os.geteuid() == 0:
            shutil.chown(pg, "postgres", "postgres")
        password_file = pg / "password"
        password_file.write_text(self.db_password + "\n")
        if os.geteuid() == 0:
            shutil.chown(password_file, "postgres", "postgres")
        self._run_as_postgres([postgres_bin("initdb"), "-D", str(pg / "data"), "-U", "postgres",
                               f"--pwfile={password_file}", "--auth-local=trust", "--auth-host=scram-sha-256",
                               "-E", "UTF8", "--locale=C", "--no-sync"], cwd=pg)
        password_file.unlink()
        self.postgres_port = free_port()
        # fsync off: a test database, nothing here has to survive a power cut
        process = self._spawn("postgres", [postgres_bin("postgres"), "-D", str(pg / "data"), "-k", str(pg),
                                           "-p", str(self.postgres_port), "-c", f"listen_addresses={LOOPBACK}",
                                           "-c", "fsync=off"],
                              stop_signal=signal.SIGINT, as_postgres=True, cwd=pg)  # SIGINT: fast shutdown

        def ready() -> bool:
            return subprocess.run([postgres_bin("pg_isready"), "-q", "-h", LOOPBACK, "-p", str(self.postgres_port)],
                                  timeout=10).returncode == 0

        self._wait("PostgreSQL", ready, [process], 60)
        psql = [postgres_bin("psql"), "-q", "-h", str(pg), "-p", str(self.postgres_port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1"]
        statements = [f"CREATE ROLE {DB_USER} LOGIN PASSWORD '{self.db_password}'",
                      f"CREATE DATABASE {TRACKER_DB} OWNER {DB_USER}", f"CREATE DATABASE {BOOKINGS_DB} OWNER {DB_USER}"]
        done = subprocess.run(psql + [arg for sql in statements for arg in ("-c", sql)], capture_output=True, text=True,
                              timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"could not create the databases: {done.stderr}")
        self.log(f"setup: PostgreSQL on {LOOPBACK}:{self.postgres_port} (databases {TRACKER_DB}, {BOOKINGS_DB})")

    def database_url(self, database: str) -> str:
        return f"postgresql://{DB_USER}:{self.db_password}@{LOOPBACK}:{self.postgres_port}/{database}"

    def start_redis(self) -> None:
        folder = self.folder / "redis"
        folder.mkdir()
        self.redis_port = free_port()
        config = folder / "redis.conf"
        config.write_text(redis_config(folder, self.redis_port, self.redis_password))
        config.chmod(0o600)
        process = self._spawn("redis", [shutil.which("redis-server") or "/usr/bin/redis-server", str(config)])
        self._wait("Redis", lambda: self.redis().ping(), [process], 30)
        self.log(f"setup: Redis on {LOOPBACK}:{self.redis_port}")

    def redis(self):
        import redis  # Rasa's dependency

        return redis.Redis(host=LOOPBACK, port=self.redis_port, password=self.redis_password, db=REDIS_DB,
                           socket_timeout=5)

    def start_nginx(self, replica_ports: Sequence[int], action_ports: Sequence[int]) -> None:
        folder = self.folder / "nginx"
        folder.mkdir()
        rasa_listen, actions_listen = free_port(), free_port()
        config = folder / "nginx.conf"
        config.write_text(nginx_config(folder, rasa_listen, actions_listen, replica_ports, action_ports))
        command = [nginx_bin(), "-e", str(folder / "error.log"), "-p", f"{folder}/", "-c", str(config)]
        test = subprocess.run(command + ["-t"], capture_output=True, text=True, timeout=30)
        if test.returncode != 0:
            raise RuntimeError(f"nginx refused its configuration: {test.stderr}")
        process = self._spawn("nginx", command, stop_signal=signal.SIGTERM)
        self._wait("nginx", lambda: self._port_open(rasa_listen) and self._port_open(actions_listen), [process], 30)
        self.rasa_url = f"http://{LOOPBACK}:{rasa_listen}"
        self.actions_url = f"http://{LOOPBACK}:{actions_listen}"
        self.log(f"setup: nginx on {self.rasa_url} (replicas {list(replica_ports)}) "
                 f"and {self.actions_url} (action servers {list(action_ports)})")

    @property
    def nginx_access_log(self) -> Path:
        return self.folder / "nginx" / "access.log"

    def create_booking_table(self) -> None:
        """Create the bookings table before the action servers' first writes (a deployment's migration step).

        Two action servers that each create it on their first booking race in PostgreSQL.
        """
        from core.database import BookingStore

        store = BookingStore(self.database_url(BOOKINGS_DB))
        try:
            store.engine  # noqa: B018 - creates the table
        finally:
            store.dispose()

    def start(self, model: Path, lock_lifetime_s: int, replicas: int = 2, action_servers: int = 2) -> None:
        """Everything, in order; the replicas start together and are waited for."""
        if not model.exists():
            raise FileNotFoundError(f"no trained model at {model}: run `make train` first")
        if not PRODUCTION_ENDPOINTS.exists():
            raise FileNotFoundError(f"{PRODUCTION_ENDPOINTS} is missing")
        self.start_postgres()
        self.start_redis()
        action_ports = [free_port() for _ in range(action_servers)]
        self.replica_ports = [free_port() for _ in range(replicas)]
        self.start_nginx(self.replica_ports, action_ports)
        self.create_booking_table()
        base = self._env()
        action_env = {**base, "ACTION_SERVER_TOKEN": self.action_token, "ACTION_SERVER_HOST": LOOPBACK,
                      "BOOKINGS_DATABASE_URL": self.database_url(BOOKINGS_DB)}
        for index, port in enumerate(action_ports, start=1):
            self.action_servers.append(self._spawn(
                f"actions-{index}", [str(BIN / "python"), "-m", "actions.server", "--port", str(port)], env=action_env))
        env = replica_env(base, self.postgres_port, self.db_password, self.redis_port, self.redis_password,
                          f"{self.actions_url}/webhook", self.action_token, lock_lifetime_s,
                          socketio_redis=True, handover_token=self.handover_token,
                          bookings_url=self.database_url(BOOKINGS_DB))
        started = time.monotonic()
        for index, port in enumerate(self.replica_ports, start=1):
            self.replicas.append(self._spawn(
                f"rasa-{index}",
                [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port), "--interface", LOOPBACK,
                 "--credentials", str(CREDENTIALS), "--endpoints", str(PRODUCTION_ENDPOINTS)],
                env=env))
        for process, port in zip(self.action_servers, action_ports):
            self._wait(process.name, lambda p=port: requests.get(f"http://{LOOPBACK}:{p}/health", timeout=2).ok,
                       [process], 60)
        self.log(f"setup: {len(self.action_servers)} action servers up behind nginx")
        for process, port in zip(self.replicas, self.replica_ports):
            self._wait(process.name, lambda p=port: requests.get(f"http://{LOOPBACK}:{p}/", timeout=2).ok,
                       self.replicas, START_TIMEOUT_S)
        self.log(f"setup: {len(self.replicas)} Rasa replicas up in {time.monotonic() - started:.0f}s "
                 f"(pids {[p.pid for p in self.replicas]}, lock lifetime {lock_lifetime_s}s)")
        self._wait("Rasa through nginx", lambda: requests.get(f"{self.rasa_url}/", timeout=2).ok, [], 30)
        self._wait("actions through nginx", lambda: requests.get(f"{self.actions_url}/health", timeout=2).ok, [], 30)

    def kill_replica(self, index: int) -> int:
        """SIGKILL one replica's process (not its group: only the server dies, as in a crash)."""
        process = self.replicas[index]
        os.kill(process.pid, signal.SIGKILL)
        return process.pid

    def save_logs(self, to: Path) -> None:
        to.mkdir(parents=True, exist_ok=True)
        for log in list(self.folder.glob("*.log")) + list((self.folder / "nginx").glob("*.log")):
            shutil.copy(log, to / (f"nginx-{log.name}" if log.parent.name == "nginx" else log.name))

    def close(self) -> None:
        """Stop every process group, newest first, and remove the folder."""
        for process in reversed(self.processes):
            try:
                process.stop()
            except Exception as error:  # noqa: BLE001 - keep stopping the others
                self.log(f"cleanup: could not stop {process.name}: {error}")
        self.processes.clear()
        shutil.rmtree(self.folder, ignore_errors=True)
