"""Loopback stand-ins for what lies outside the project: Telegram's Bot API, WhatsApp's
Graph API, and the clinic's web server for the widget's demo page."""
import functools
import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Dict, List, Optional

LOOPBACK = "127.0.0.1"


class FakePlatform:
    """Records every call the connectors make to the platform APIs, and answers like the real ones."""

    def __init__(self) -> None:
        self.calls: List[Dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(SimpleHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.calls.append({"path": self.path, "body": body,
                                       "authorization": self.headers.get("Authorization")})
                if "/bot" in self.path:  # Telegram
                    answer = {"ok": True, "result": {"message_id": len(fake.calls)}}
                else:  # WhatsApp Cloud API
                    answer = {"messaging_product": "whatsapp", "messages": [{"id": f"wamid.out{len(fake.calls)}"}]}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.url = f"http://{LOOPBACK}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def calls_where(self, keep: Callable[[Dict], bool]) -> List[Dict]:
        with self.lock:
            return [call for call in self.calls if keep(call)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def wait_for(probe: Callable[[], Optional[object]], timeout_s: float = 30, every_s: float = 0.1):
    """probe() until it returns something truthy, at most timeout_s; returns it or None."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(every_s)
    return None


class StaticSite:
    """Serves web/ as the clinic's site would, with `demo-config.js` pointing at the test's Rasa."""

    def __init__(self, root: Path, port: int, config_js: Callable[[], str]) -> None:
        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                if self.path.split("?")[0] == "/demo-config.js":
                    data = config_js().encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/javascript")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                super().do_GET()

            def log_message(self, *args) -> None:
                pass

        handler = functools.partial(Handler, directory=str(root))
        self.server = ThreadingHTTPServer((LOOPBACK, port), handler)
        self.url = f"http://{LOOPBACK}:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
