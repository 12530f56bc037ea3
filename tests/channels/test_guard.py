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
