"""Serve the staff console: python -m console [--host 127.0.0.1] [--port 8081].

CONSOLE_ORIGIN names its public origin (e.g. https://console.example-clinic.com) when it is served behind a
proxy; the bookings database is BOOKINGS_DATABASE_URL's (var/bookings.db by default).
"""

import argparse
import os
import sys
from typing import List, Optional

from sanic.log import LOGGING_CONFIG_DEFAULTS

from console.app import create_app
from core.settings import bookings_database_url, clinic


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("CONSOLE_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CONSOLE_PORT", "8081")))
    args = parser.parse_args(argv)
    settings = clinic()
    # Sanic's logging, to stderr: stdout is `make run`'s own lines
    logging = dict(LOGGING_CONFIG_DEFAULTS)
    logging["handlers"] = {
        name: dict(handler, stream=sys.stderr) for name, handler in LOGGING_CONFIG_DEFAULTS["handlers"].items()
    }
    app = create_app(
        bookings_database_url(),
        settings.console,
        settings.timezone,
        origin=os.environ.get("CONSOLE_ORIGIN"),
        name="clinic_console",
        log_config=logging,
    )
    app.run(host=args.host, port=args.port, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
