"""A Rasa server without a model, for the proxy tests (tests/scale/test_proxy.py).

`python -m tests.scale.guarded_server PORT` serves Rasa's own Sanic app, made as `rasa run`
makes it (`rasa.core.run.configure_app`, no HTTP API), so Sanic reads its `SANIC_*` settings
from the environment as a replica does, with the project's REST and socket.io channels and
their guard (channels/guard.py). Only the agent is a stand-in: it answers every message with
`echo: <text>`, so no model has to load and each request is cheap.
"""
import sys
from types import SimpleNamespace

from rasa.core.channels.channel import UserMessage
from rasa.core.run import configure_app

from channels.rest import ClinicRestInput
from channels.socketio import ClinicSocketIOInput


class EchoAgent:
    tracker_store = None
    domain = SimpleNamespace(responses={"utter_message_too_long": [{"text": "too long"}]})

    async def handle_message(self, message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": f"echo: {message.text}"})


def main(port: int) -> None:
    app = configure_app([ClinicRestInput.from_credentials(None), ClinicSocketIOInput.from_credentials(None)],
                        enable_api=False, port=port)

    @app.listener("before_server_start")
    async def agent(running, _loop) -> None:
        running.ctx.agent = EchoAgent()

    app.run(host="127.0.0.1", port=port, access_log=False, workers=1)


if __name__ == "__main__":
    main(int(sys.argv[1]))
