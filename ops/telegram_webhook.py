"""Register the Telegram webhook once, with the secret Telegram will send on every update.

Reads TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL (the public https address of
/webhooks/telegram/webhook), TELEGRAM_SECRET_TOKEN and TELEGRAM_API_URL (default
Telegram's own) from the environment. Run it with `make telegram-webhook` when the
address or the secret changes; the Rasa server never registers it itself.
"""
import os
import re
import sys
from typing import Dict, List, Optional

import requests

from channels.telegram import DEFAULT_API_URL

ALLOWED_UPDATES = ["message", "callback_query"]
SECRET_FORM = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # Telegram's rule for secret_token


def problems(env: Dict[str, str]) -> List[str]:
    found = [f"{name} is not set" for name in ("TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN")
             if not env.get(name)]
    if env.get("TELEGRAM_WEBHOOK_URL") and not env["TELEGRAM_WEBHOOK_URL"].startswith("https://"):
        found.append("TELEGRAM_WEBHOOK_URL must be an https:// address")
    if env.get("TELEGRAM_SECRET_TOKEN") and not SECRET_FORM.match(env["TELEGRAM_SECRET_TOKEN"]):
        found.append("TELEGRAM_SECRET_TOKEN may hold only A-Z, a-z, 0-9, _ and -, up to 256 characters")
    return found


def register(env: Dict[str, str], post=requests.post) -> Dict:
    api = env.get("TELEGRAM_API_URL") or DEFAULT_API_URL
    reply = post(
        f"{api.rstrip('/')}/bot{env['TELEGRAM_TOKEN']}/setWebhook",
        json={"url": env["TELEGRAM_WEBHOOK_URL"], "secret_token": env["TELEGRAM_SECRET_TOKEN"],
              "allowed_updates": ALLOWED_UPDATES, "drop_pending_updates": False},
        timeout=30,
    )
    return reply.json()


def main(env: Optional[Dict[str, str]] = None) -> int:
    env = dict(os.environ if env is None else env)
    found = problems(env)
    if found:
        print("cannot register the Telegram webhook:\n  " + "\n  ".join(found), file=sys.stderr)
        return 2
    answer = register(env)
    if not answer.get("ok"):
        print(f"Telegram refused the webhook: {answer.get('description', answer)}", file=sys.stderr)
        return 1
    print(f"Telegram webhook set to {env['TELEGRAM_WEBHOOK_URL']} with the secret token")
    return 0


if __name__ == "__main__":
    sys.exit(main())
