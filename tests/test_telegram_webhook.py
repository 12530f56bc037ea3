from ops.telegram_webhook import main, problems, register

GOOD = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_WEBHOOK_URL": "https://chat.example/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": "a-secret_1", "TELEGRAM_API_URL": "http://127.0.0.1:9"}


def test_every_setting_is_needed_and_checked():
    assert problems(GOOD) == []
    assert "TELEGRAM_SECRET_TOKEN is not set" in problems({**GOOD, "TELEGRAM_SECRET_TOKEN": ""})
    assert any("https" in p for p in problems({**GOOD, "TELEGRAM_WEBHOOK_URL": "http://chat.example/"}))
    assert any("may hold only" in p for p in problems({**GOOD, "TELEGRAM_SECRET_TOKEN": "has space"}))
    assert main({**GOOD, "TELEGRAM_TOKEN": ""}) == 2


def test_the_webhook_is_registered_with_the_secret():
    sent = {}

    class Reply:
        def json(self):
            return {"ok": True}

    def post(url, json, timeout):
        sent.update(url=url, body=json)
        return Reply()

    assert register(GOOD, post=post) == {"ok": True}
    assert sent["url"] == "http://127.0.0.1:9/bot123:abc/setWebhook"
    assert sent["body"]["secret_token"] == "a-secret_1"
    assert sent["body"]["url"] == GOOD["TELEGRAM_WEBHOOK_URL"]
    assert set(sent["body"]["allowed_updates"]) == {"message", "callback_query"}
