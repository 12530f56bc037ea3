"""Starts the real action server and Rasa server on free ports for whole conversations.

Rasa runs with every channel on: Telegram and WhatsApp point at a fake platform API on
loopback (tests/e2e/fakes.py), and the widget's demo site is served on loopback too.
"""
import secrets
from pathlib import Path

import pytest

from harness.servers import Servers, free_port, running_servers  # noqa: F401  (Servers: the fixture's type)
from tests.e2e.fakes import FakePlatform, StaticSite

PROJECT_DIR = Path(__file__).resolve().parents[2]
MODEL = PROJECT_DIR / "models" / "clinic.tar.gz"
SENDER_LIMIT = 40  # messages a minute from one sender: more than any test's conversation


class Channels:
    """The channels' settings, as the tests need them to sign, verify and read back."""

    def __init__(self, platform: FakePlatform) -> None:
        self.platform = platform
        self.telegram_token = "123456:test-token"
        self.telegram_secret = secrets.token_urlsafe(24)
        self.whatsapp_token = secrets.token_urlsafe(24)
        self.whatsapp_app_secret = secrets.token_hex(16)
        self.whatsapp_verify_token = secrets.token_urlsafe(12)
        self.whatsapp_phone_number_id = "109876543210"

    def env(self) -> dict:
        return {
            "TELEGRAM_TOKEN": self.telegram_token,
            "TELEGRAM_SECRET_TOKEN": self.telegram_secret,
            "TELEGRAM_API_URL": self.platform.url,
            "WHATSAPP_ACCESS_TOKEN": self.whatsapp_token,
            "WHATSAPP_APP_SECRET": self.whatsapp_app_secret,
            "WHATSAPP_VERIFY_TOKEN": self.whatsapp_verify_token,
            "WHATSAPP_PHONE_NUMBER_ID": self.whatsapp_phone_number_id,
            "WHATSAPP_API_URL": self.platform.url,
            "RATE_LIMIT_PER_SENDER": f"{SENDER_LIMIT}/60",  # tests/e2e/test_limits.py floods one sender
        }


@pytest.fixture(scope="session")
def platform():
    fake = FakePlatform()
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def channels(platform):
    return Channels(platform)


@pytest.fixture(scope="session")
def site_port():
    return free_port()


@pytest.fixture(scope="session")
def servers(tmp_path_factory, channels, site_port):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    site_origin = f"http://127.0.0.1:{site_port}"
    with running_servers(
        MODEL, tmp_path_factory.mktemp("e2e"), project_dir=PROJECT_DIR,
        env={**channels.env(), "SOCKETIO_ORIGINS": site_origin}, cors=[site_origin],
    ) as running:
        running.site_origin = site_origin
        yield running


@pytest.fixture(scope="session")
def site(servers, site_port):
    """The demo clinic site (web/), its widget pointed at the test's Rasa."""
    config = (
        "window.clinicChatConfig = {"
        f" serverUrl: {servers.rasa_url!r}, title: 'Lumen Skin Clinic assistant' }};"
    )
    served = StaticSite(PROJECT_DIR / "web", site_port, lambda: config)
    yield served
    served.close()
