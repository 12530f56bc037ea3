"""The scale run's clients and the proxy settings of its stack (harness/scale/): each simulated patient
sends from an address of its own, nginx reports it, the replicas trust nginx and keep the production
per-address limit. tests/scale/test_proxy.py checks the same behind a running nginx."""
import http.server
import ipaddress
import threading

import pytest

from harness.scale.load import Attempt, LoadResult, Message, client_address, session_from
from harness.scale.services import TRUSTED_PROXIES, nginx_config, replica_env


def env():
    return replica_env({}, 5432, "pw", 6379, "rpw", "http://127.0.0.1:1/webhook", "token", 20)


def test_the_replicas_trust_one_proxy_and_keep_the_production_address_limit():
    assert TRUSTED_PROXIES == 1
    assert env()["SANIC_PROXIES_COUNT"] == "1"
    assert "RATE_LIMIT_PER_ADDRESS" not in env()  # channels/guard.py's default, 120 a minute, applies


def test_nginx_appends_the_address_it_saw_to_x_forwarded_for(tmp_path):
    text = nginx_config(tmp_path, 8000, 8001, [9001, 9002], [9101])
    # the header Sanic reads with PROXIES_COUNT (FORWARDED_FOR_HEADER), its last entry nginx's $remote_addr
    assert text.count("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;") == 2
    assert "X-Real-IP" not in text  # Sanic's REAL_IP_HEADER stays unset: a client could send it


def test_each_conversation_has_its_own_loopback_address():
    addresses = [client_address(number) for number in range(300)]
    assert addresses[:3] == ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    assert addresses[254] == "127.0.1.0"
    assert len(set(addresses)) == 300 and "127.0.0.1" not in addresses
    assert all(ipaddress.IPv4Address(address) in ipaddress.IPv4Network("127.0.0.0/8") for address in addresses)
    for number in (-1, 2**24 - 2):
        with pytest.raises(ValueError):
            client_address(number)


def test_a_session_sends_from_its_address():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.client_address[0])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for source in ("127.0.0.7", "127.0.0.8"):
            with session_from(source) as session:
                assert session.get(f"http://127.0.0.1:{server.server_port}/", timeout=30).status_code == 204
    finally:
        server.shutdown()
        server.server_close()
    assert seen == ["127.0.0.7", "127.0.0.8"]


def test_refusals_by_the_rate_limit_are_counted():
    def message(*statuses):
        return Message("s", "faq", 0, "s-0", "hi", None, 0.0,
                       attempts=[Attempt(0.0, 0.1, status=status) for status in statuses])

    result = LoadResult([], [message(429, 200), message(200), message(502, 429, 429, 200)])
    assert result.rate_limited() == 3
    assert LoadResult([], [message(200), message(None, 200)]).rate_limited() == 0
