import datetime as dt

import pytest

import yaml

from core.settings import PROJECT_DIR, clinic, load_clinic

CLINIC = (
    "name: C\nphone: '1'\nemail: e@x.example\naddress: a\ntimezone: UTC\nphone_region: GB\n"
    "booking_horizon_days: 30\nminimum_notice_hours: 1\n"
    "privacy:\n  who_sees: the team\n  used_for: to call you\n  kept_for: a year\n"
)


def test_the_clinic_file_loads_with_every_fact():
    facts = clinic().facts()
    assert set(facts) == {
        "clinic_name", "clinic_phone", "clinic_email", "clinic_address", "clinic_hours",
        "privacy_who_sees", "privacy_used_for", "privacy_kept_for", "privacy_chat_kept_for", "crisis_help",
        "emergency_number", "emergency_service", "out_of_hours", "out_of_hours_service", "under_age_policy",
        "expected_for_days",
    }
    assert all(facts.values())


def test_hours_text_groups_equal_days(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(
        CLINIC + "opening_hours:\n  monday: ['09:00', '17:00']\n  tuesday: ['09:00', '17:00']\n  friday: ['10:00', '14:00']\n"
    )
    loaded = load_clinic(path)
    assert loaded.hours_text() == "Mon–Tue 09:00–17:00, Wed–Thu closed, Fri 10:00–14:00, Sat–Sun closed"
    assert loaded.hours_on(dt.date(2026, 11, 25)) is None  # a Wednesday


def test_the_privacy_answer_comes_from_the_file(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(CLINIC + "opening_hours:\n  monday: ['09:00', '17:00']\n")
    facts = load_clinic(path).facts()
    assert (facts["privacy_who_sees"], facts["privacy_used_for"], facts["privacy_kept_for"]) == ("the team", "to call you", "a year")


def test_the_crisis_lines_come_from_the_file_or_say_nothing_country_specific(tmp_path):
    from core.settings import DEFAULT_CRISIS_HELP

    path = tmp_path / "c.yml"
    path.write_text(CLINIC + "opening_hours:\n  monday: ['09:00', '17:00']\n")
    assert load_clinic(path).facts()["crisis_help"] == DEFAULT_CRISIS_HELP
    path.write_text(CLINIC + "crisis_help: Call 112.\nopening_hours:\n  monday: ['09:00', '17:00']\n")
    assert load_clinic(path).facts()["crisis_help"] == "Call 112."
    assert "116 123" in clinic().facts()["crisis_help"]  # the clinic's own file: UK lines


def test_closing_before_opening_is_refused(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(CLINIC + "opening_hours:\n  monday: ['17:00', '09:00']\n")
    with pytest.raises(ValueError):
        load_clinic(path)


def test_a_clinic_file_without_the_privacy_facts_is_refused(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(CLINIC.split("privacy:")[0] + "opening_hours:\n  monday: ['09:00', '17:00']\n")
    with pytest.raises(KeyError):
        load_clinic(path)


@pytest.mark.parametrize(
    "at, is_open",
    [
        ("2026-12-09T11:00:00+00:00", True),  # a Wednesday morning in London
        ("2026-12-09T08:59:00+00:00", False),  # before it opens
        ("2026-12-09T18:00:00+00:00", False),  # closing time is closed
        ("2026-12-12T22:00:00+00:00", False),  # Saturday night
        ("2026-12-13T12:00:00+00:00", False),  # Sunday: closed all day
        ("2026-07-08T08:30:00+00:00", True),  # summer time: 09:30 in London
        ("2026-12-10T19:30:00+00:00", True),  # Thursday's late opening
    ],
)
def test_the_clinic_is_open_by_its_own_clock(at, is_open):
    assert clinic().is_open(dt.datetime.fromisoformat(at)) is is_open


def test_the_clock_can_be_fixed_for_tests_and_demos(monkeypatch):
    from core.settings import now

    monkeypatch.setenv("CLINIC_NOW", "2026-12-12T22:00:00+01:00")
    assert now() == dt.datetime(2026, 12, 12, 21, 0, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("CLINIC_NOW", "2026-12-12T22:00:00")  # no offset: refused, not guessed
    with pytest.raises(ValueError):
        now()
    monkeypatch.delenv("CLINIC_NOW")
    assert abs(now() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(seconds=5)


def test_safety_routes_default_to_nothing_country_specific(tmp_path):
    path = tmp_path / "clinic.yml"
    raw = yaml.safe_load((PROJECT_DIR / "clinic.yml").read_text(encoding="utf-8"))
    del raw["safety"]
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    facts = load_clinic(path).facts()
    assert facts["emergency_number"] == "your local emergency number"
    routes = " ".join(facts[key] for key in ("emergency_number", "out_of_hours", "under_age_policy"))
    assert "999" not in routes and "NHS" not in routes


def test_how_long_the_chat_is_kept_is_said_as_a_person_says_it():
    from core.settings import _as_a_span

    # play-test 191: "is this conversation saved somewhere and for how long" got the request's details alone
    assert [_as_a_span(days) for days in (365, 730, 180, 45, 1)] == ["12 months", "24 months", "6 months", "45 days",
                                                                     "1 day"]
    assert clinic().facts()["privacy_chat_kept_for"] == "12 months"


def test_the_days_the_expected_reactions_last_come_from_the_clinics_safety_settings():
    # play-test 197: "if im still red on day 4 do i call someone?" got "a few days" alone; the answer says the
    # clinic's own number of days, the one the triage routes by (components/triage.py `expected_for_days`)
    raw = yaml.safe_load((PROJECT_DIR / "clinic.yml").read_text(encoding="utf-8"))
    assert clinic().facts()["expected_for_days"] == str(raw["safety"]["expected_for_days"])
