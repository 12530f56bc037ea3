"""At the default log level, the logs hold no contact details and no message texts."""
import re
import uuid

from tests.e2e.test_conversations import REFERENCE, a_future_weekday_text, texts

NAME = "Quentin Marlowe-Okafor"
EMAIL = "q.marlowe.okafor@example.org"
PHONE = "07700 900461"
QUESTION = "my cheeks have deep pitted scars, does microneedling help those"


def test_a_booking_leaves_no_personal_detail_or_message_text_in_the_logs(servers):
    sender = f"logs-{uuid.uuid4()}"
    servers.say(sender, QUESTION)
    servers.say(sender, "/book_consultation")
    servers.say(sender, f"I'm {NAME}")
    servers.say(sender, f"{EMAIL} or {PHONE}")
    servers.say(sender, a_future_weekday_text())
    servers.say(sender, "skip")
    servers.say(sender, "yes I agree")
    assert REFERENCE.search(texts(servers.say(sender, "yes send it")))
    servers.say(sender, "please delete my data")
    servers.say(sender, "yes")

    assert servers.log_files
    logged = "\n".join(path.read_text(errors="replace") for path in servers.log_files)
    for secret in (NAME, "Marlowe", EMAIL, "q.marlowe", PHONE, re.sub(r"\D", "", PHONE)[1:], "pitted scars"):
        assert secret not in logged, f"{secret!r} is in the logs"
