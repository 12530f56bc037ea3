import datetime as dt

import pytest

from actions.config import clinic, load_clinic

CLINIC = (
    "name: C\nphone: '1'\nemail: e@x.example\naddress: a\ntimezone: UTC\nphone_region: GB\n"
    "booking_horizon_days: 30\nminimum_notice_hours: 1\n"
    "privacy:\n  who_sees: the team\n  used_for: to call you\n  kept_for: a year\n"
)


def test_the_clinic_file_loads_with_every_fact():
    facts = clinic().facts()
    assert set(facts) == {
        "clinic_name", "clinic_phone", "clinic_email", "clinic_address", "clinic_hours",
        "privacy_who_sees", "privacy_used_for", "privacy_kept_for", "crisis_help",
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
    from actions.config import DEFAULT_CRISIS_HELP

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
