from types import SimpleNamespace

from channels.guard import MAX_MESSAGE_CHARS, RateLimiter, parse_rate, response_text, too_long


def test_two_thousand_characters_are_read_and_more_are_not():
    assert not too_long("x" * MAX_MESSAGE_CHARS)
    assert too_long("x" * (MAX_MESSAGE_CHARS + 1))


def test_a_bucket_allows_its_capacity_then_refills_with_time():
    now = [0.0]
    limiter = RateLimiter(3, 60, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another key has its own bucket
    now[0] += 20  # one message's worth
    assert limiter.allow("a") and not limiter.allow("a")


def test_the_number_of_buckets_is_bounded():
    limiter = RateLimiter(1, 60, max_keys=2, clock=lambda: 0.0)
    for key in ("a", "b", "c"):
        limiter.allow(key)
    assert list(limiter.buckets) == ["b", "c"]


def test_rates_are_read_from_settings_with_a_fallback():
    assert parse_rate("10/30", "20/60") == (10.0, 30.0)
    for bad in (None, "", "ten/60", "0/60", "5"):
        assert parse_rate(bad, "20/60") == (20.0, 60.0)


def test_the_polite_reply_comes_from_the_domain():
    domain = SimpleNamespace(responses={"utter_message_too_long": [{"text": "Too long, sorry."}]})
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(domain=domain)))
    assert response_text(app) == "Too long, sorry."
    assert response_text(SimpleNamespace()) == ""


# -- the one guard every channel calls: rate limit, length, claim, hand-over --------------------
import asyncio  # noqa: E402

import pytest  # noqa: E402
from rasa.core.channels.channel import CollectingOutputChannel  # noqa: E402
from rasa.shared.core.events import UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402
from sanic import Sanic  # noqa: E402
from sanic.compat import Header  # noqa: E402
from sanic.models.server_types import ConnInfo  # noqa: E402
from sanic.request import Request  # noqa: E402

from channels.guard import ChannelGuard, Outcome, client_address  # noqa: E402

DOMAIN = SimpleNamespace(responses={"utter_message_too_long": [{"text": "Too long, sorry."}],
                                    "utter_service_trouble": [{"text": "Trouble, sorry."}]})
APP = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(domain=DOMAIN)))


class Store:
    """A tracker store holding the stored message ids of one conversation; counts its reads."""

    def __init__(self, stored=()):
        self.stored, self.reads = list(stored), 0

    async def retrieve_full_tracker(self, sender_id):
        self.reads += 1
        return DialogueStateTracker.from_events(sender_id, [UserUttered("hi", message_id=m) for m in self.stored])


class Rasa:
    """on_new_message: records what it was handed, answers, or fails like a dead lock store."""

    def __init__(self, fail=False):
        self.handed, self.fail = [], fail

    async def __call__(self, message):
        self.handed.append(message)
        if self.fail:
            raise ConnectionError("lock store down")
        await message.output_channel.send_response(message.sender_id, {"text": f"answer to {message.text}"})


def take(guard, text="does it hurt?", sender="s1", rasa=None, **options):
    output = CollectingOutputChannel()
    outcome = asyncio.run(guard.take(text, sender, output, rasa or Rasa(), APP, input_channel="rest", **options))
    return outcome, [m.get("text") for m in output.messages]


@pytest.fixture
def limits(monkeypatch):
    def set_limits(per_sender="20/60", per_address="120/60"):
        monkeypatch.setenv("RATE_LIMIT_PER_SENDER", per_sender)
        monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS", per_address)
    return set_limits


def test_a_message_is_handed_to_rasa_with_its_id_and_metadata(limits):
    limits()
    rasa = Rasa()
    outcome, replies = take(ChannelGuard(by_address=True), rasa=rasa, message_id="rest-m1", metadata={"shown": "Yes"},
                            address="203.0.113.7")
    assert outcome is Outcome.HANDLED and replies == ["answer to does it hurt?"]
    handed = rasa.handed[0]
    assert (handed.text, handed.sender_id, handed.message_id, handed.input_channel, handed.metadata) == (
        "does it hurt?", "s1", "rest-m1", "rest", {"shown": "Yes"})


def test_the_rate_limit_comes_first_and_a_refused_message_costs_nothing(limits):
    limits(per_sender="1/3600")
    guard, rasa, store = ChannelGuard(by_address=False), Rasa(), Store()
    assert take(guard, rasa=rasa, message_id="m1", tracker_store=store)[0] is Outcome.HANDLED
    reads = store.reads
    called = []

    async def before():
        called.append(True)

    # refused before the length check, the claim (no store read) and the hand-over
    for text, message_id in (("x" * (MAX_MESSAGE_CHARS + 1), "m2"), ("again", "m1"), ("hello", "m3")):
        outcome, replies = take(guard, text, rasa=rasa, message_id=message_id, tracker_store=store,
                                before_handover=before)
        assert (outcome, replies) == (Outcome.RATE_LIMITED, [])
    assert store.reads == reads and len(rasa.handed) == 1 and called == []
    assert "m3" not in guard.once.seen  # not claimed: once the bucket refills, it is handled
    assert take(ChannelGuard(by_address=False), "hello", sender="s2", message_id="m3")[0] is Outcome.HANDLED


def test_an_over_long_message_is_answered_politely_and_never_claimed_or_handed_over(limits):
    limits()
    guard, rasa, store = ChannelGuard(by_address=True), Rasa(), Store()
    outcome, replies = take(guard, "x" * (MAX_MESSAGE_CHARS + 1), rasa=rasa, message_id="m1", tracker_store=store,
                            address="203.0.113.7")
    assert (outcome, replies) == (Outcome.TOO_LONG, ["Too long, sorry."])
    assert rasa.handed == [] and store.reads == 0 and "m1" not in guard.once.seen
    assert take(guard, "x" * MAX_MESSAGE_CHARS, rasa=rasa)[0] is Outcome.HANDLED  # 2,000 are still read


def test_an_over_long_message_still_counts_against_the_rate_limit(limits):
    limits(per_sender="2/3600")
    guard = ChannelGuard(by_address=False)
    assert [take(guard, "x" * (MAX_MESSAGE_CHARS + 1))[0] for _ in range(3)] == [
        Outcome.TOO_LONG, Outcome.TOO_LONG, Outcome.RATE_LIMITED]


def test_a_message_delivered_twice_is_handed_over_once(limits):
    limits()
    guard, rasa = ChannelGuard(by_address=False), Rasa()
    assert take(guard, rasa=rasa, message_id="m1")[0] is Outcome.HANDLED
    assert take(guard, rasa=rasa, message_id="m1") == (Outcome.DUPLICATE, [])
    # stored by another replica (or before a restart): known from the tracker store
    assert take(guard, rasa=rasa, message_id="m2", tracker_store=Store(["m2"])) == (Outcome.DUPLICATE, [])
    assert [m.message_id for m in rasa.handed] == ["m1"]
    # without an id nothing is claimed: the same text twice is two messages
    assert [take(guard, "next", rasa=rasa)[0] for _ in range(2)] == [Outcome.HANDLED, Outcome.HANDLED]


def test_a_failed_hand_over_apologises_and_gives_the_claim_back(limits):
    limits()
    guard = ChannelGuard(by_address=False)
    outcome, replies = take(guard, rasa=Rasa(fail=True), message_id="m1")
    assert (outcome, replies) == (Outcome.FAILED, ["Trouble, sorry."])
    assert "m1" not in guard.once.seen
    assert take(guard, rasa=Rasa(), message_id="m1")[0] is Outcome.HANDLED  # the retry is handled


def test_before_handover_runs_only_for_an_accepted_message_and_before_rasa(limits):
    limits(per_sender="2/3600")
    guard, events = ChannelGuard(by_address=False), []

    async def before():
        events.append("before")

    async def rasa(message):
        events.append("rasa")
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    take(guard, rasa=rasa, message_id="m1", before_handover=before)
    take(guard, rasa=rasa, message_id="m1", before_handover=before)  # duplicate
    take(guard, rasa=rasa, before_handover=before)  # rate limited
    assert events == ["before", "rasa"]


def test_each_address_has_its_bucket_and_a_refused_address_takes_nothing_from_the_sender(limits):
    limits(per_sender="3/3600", per_address="2/3600")
    guard = ChannelGuard(by_address=True)
    flood = [take(guard, sender="s1", address="198.51.100.1")[0] for _ in range(4)]
    assert flood == [Outcome.HANDLED, Outcome.HANDLED, Outcome.RATE_LIMITED, Outcome.RATE_LIMITED]
    assert take(guard, sender="s2", address="198.51.100.2")[0] is Outcome.HANDLED  # another client
    # s1 spent 2 of its 3 tokens; the refused messages took none of them
    assert take(guard, sender="s1", address="198.51.100.3")[0] is Outcome.HANDLED
    assert take(guard, sender="s1", address="198.51.100.4")[0] is Outcome.RATE_LIMITED


def test_a_platform_channel_has_no_address_bucket(limits):
    limits(per_sender="20/60", per_address="1/3600")
    guard = ChannelGuard(by_address=False)
    assert [take(guard, sender=f"s{n}", address="198.51.100.1")[0] for n in range(3)] == [Outcome.HANDLED] * 3


# -- the client's address, as Sanic 21.12 resolves it -------------------------------------------
class Transport:
    def __init__(self, peer):
        self.peer = peer

    def get_extra_info(self, name, default=None):
        return {"peername": (self.peer, 50000), "sockname": ("127.0.0.1", 5005)}.get(name, default)


def sanic_request(app, peer, headers=()):
    transport = Transport(peer)
    request = Request(b"/webhooks/rest/webhook", Header(list(headers)), "1.1", "POST", transport, app)
    request.conn_info = ConnInfo(transport)
    return request


@pytest.fixture(scope="module")
def sanic_apps():
    plain = Sanic("guard_test_plain", configure_logging=False)  # the embedded default: no proxy trusted
    proxied = Sanic("guard_test_proxied", configure_logging=False)
    proxied.config.PROXIES_COUNT = 1  # what SANIC_PROXIES_COUNT=1 sets
    return plain, proxied


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_change_the_address(sanic_apps):
    plain, _ = sanic_apps
    assert plain.config.PROXIES_COUNT is None and plain.config.REAL_IP_HEADER is None
    for forged in ("203.0.113.9", "203.0.113.9, 198.51.100.1"):
        request = sanic_request(plain, "192.0.2.10", [("X-Forwarded-For", forged)])
        assert client_address(request) == "192.0.2.10"
    assert client_address(sanic_request(plain, "192.0.2.10", [("X-Real-IP", "203.0.113.9")])) == "192.0.2.10"


def test_behind_one_trusted_proxy_the_address_is_the_one_the_proxy_added(sanic_apps):
    _, proxied = sanic_apps
    # nginx's $proxy_add_x_forwarded_for: whatever the client sent, then the address nginx saw
    request = sanic_request(proxied, "127.0.0.1", [("X-Forwarded-For", "203.0.113.9, 192.0.2.44")])
    assert client_address(request) == "192.0.2.44"
    assert client_address(sanic_request(proxied, "127.0.0.1", [("X-Forwarded-For", "192.0.2.45")])) == "192.0.2.45"
    # a request that did not come through the proxy (no header): the socket's peer
    assert client_address(sanic_request(proxied, "192.0.2.10")) == "192.0.2.10"


def test_no_request_no_address():
    assert client_address(None) == ""
