"""The action server: rasa-sdk's app, on loopback by default, answering only Rasa.

rasa-sdk 3.6 listens on every interface and checks nothing, so anyone who could
reach :5055 could run `action_submit_booking` with a hand-made tracker and store a
booking that no conversation or consent is behind. Here:

- it binds to `ACTION_SERVER_HOST` (default 127.0.0.1);
- every request but `GET /health` must carry `Authorization: Bearer <ACTION_SERVER_TOKEN>`,
  the header Rasa sends from `endpoints.yml` (`action_endpoint.headers`); others get 401;
- it refuses to start without a token;
- an error's reply names no request data (rasa-sdk's own echoes the request body,
  which holds the conversation).

It also sends the clinic's notifications of new booking requests: a background task
runs a pass over the outbox every `notifications.interval_seconds` (notifications/outbox.py).

Run: `python -m actions.server [--port 5055]` (ops/run.sh does).
"""

import argparse
import asyncio
import logging
import os
import sys
from typing import Optional

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from core.auth import bearer_ok

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
HOST_VARIABLE = "ACTION_SERVER_HOST"
OPEN_PATHS = {"/health"}


def create_app(token: str, action_package: str = "actions"):
    from rasa_sdk.endpoint import create_app as create_sdk_app

    if not token:
        raise ValueError(f"{TOKEN_VARIABLE} is not set: the action server will not run without it")
    app = create_sdk_app(action_package, cors_origins=None)  # server to server: no browser may call it

    @app.middleware("request")
    async def only_rasa(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS and request.method == "GET":
            return None
        if not bearer_ok(request.headers.get("Authorization"), token):
            logger.warning("refused a request to %s without the action server's token", request.path)
            return response.json({"error": "unauthorised"}, status=401)
        return None

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        logger.error("action server error on %s: %s", request.path, type(exception).__name__)
        return response.json({"error": "internal error"}, status=500)

    add_notification_worker(app)
    return app


def add_notification_worker(app) -> None:
    """After the server starts, send due booking notifications in the background until it stops.

    The task does nothing when clinic.yml configures no channel, and a failing pass (a mail
    server or database that is down) is logged and tried again: it never stops the server.
    """

    @app.listener("after_server_start")
    async def start_notifications(app, loop) -> None:
        from notifications.outbox import start_worker

        try:
            app.ctx.notifications = start_worker()
        except Exception as error:  # whatever stops the worker from starting must not stop the actions
            logger.error("notifications not started: %s", type(error).__name__)
            app.ctx.notifications = None

    @app.listener("before_server_stop")
    async def stop_notifications(app, loop) -> None:
        task = getattr(app.ctx, "notifications", None)
        if task is not None:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", 5055)))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    token = os.environ.get(TOKEN_VARIABLE, "")
    if not token:
        print(f"{TOKEN_VARIABLE} is not set: the action server will not run without it", file=sys.stderr)
        return 2
    host = os.environ.get(HOST_VARIABLE, "127.0.0.1")
    app = create_app(token, args.actions)
    logger.info("action server on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
