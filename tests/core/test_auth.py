from core.auth import bearer_ok, same_secret


def test_a_secret_must_be_configured_and_equal():
    assert same_secret("s3cret", "s3cret")
    assert not same_secret("s3cret", "s3cres")
    assert not same_secret(None, "s3cret")
    assert not same_secret("", "")


def test_only_the_bearer_token_is_authorised():
    assert bearer_ok("Bearer s3cret-token", "s3cret-token")
    for header in (None, "", "s3cret-token", "Bearer wrong", "Basic s3cret-token", "Bearer "):
        assert not bearer_ok(header, "s3cret-token")
    assert not bearer_ok("Bearer ", "")
