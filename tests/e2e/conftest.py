"""Starts the real action server and Rasa server on free ports for whole conversations."""
from pathlib import Path

import pytest

from scripts.servers import Servers, running_servers  # noqa: F401  (Servers: the fixture's type)

PROJECT_DIR = Path(__file__).resolve().parents[2]
MODEL = PROJECT_DIR / "models" / "clinic.tar.gz"


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    with running_servers(MODEL, tmp_path_factory.mktemp("e2e"), project_dir=PROJECT_DIR) as running:
        yield running
