import uuid

from channels.socketio import ClinicSocketIOInput, session_id_from, shown_title


def test_a_session_id_of_the_servers_form_is_kept():
    known = uuid.uuid4().hex
    assert session_id_from({"session_id": known}) == known


def test_anything_else_gets_a_new_random_session_id():
    for asked in (None, {}, {"session_id": None}, {"session_id": "telegram:1"}, {"session_id": str(uuid.uuid4())},
                  {"session_id": "A" * 32}, {"session_id": 12345}, "not a dict"):
        made = session_id_from(asked)
        assert len(made) == 32 and int(made, 16) >= 0
    assert session_id_from(None) != session_id_from(None)


def test_the_shown_title_is_text_and_bounded():
    assert shown_title({"shown": "Book a consultation"}) == "Book a consultation"
    assert shown_title({"shown": "x" * 500}) == "x" * 200
    assert shown_title({"shown": {"html": "<b>"}}) is None
    assert shown_title({}) is None


def test_allowed_origins_come_from_credentials():
    channel = ClinicSocketIOInput.from_credentials({"cors_allowed_origins": "https://a.example, https://b.example"})
    assert channel.cors_allowed_origins == ["https://a.example", "https://b.example"]
    assert ClinicSocketIOInput.from_credentials(None).cors_allowed_origins == []


def test_only_allowed_sites_pages_may_connect():
    channel = ClinicSocketIOInput(cors_allowed_origins=["https://www.example-clinic.com"])
    assert channel.origin_allowed("https://www.example-clinic.com")
    assert not channel.origin_allowed("https://evil.example")
    assert channel.origin_allowed(None)  # not a browser: the Origin header is a browser's
    assert ClinicSocketIOInput().origin_allowed("https://anywhere.example")  # none configured: any
