import datetime as dt

import pytest

from actions.config import clinic, load_clinic


def test_the_clinic_file_loads_with_every_fact():
    facts = clinic().facts()
    assert set(facts) == {"clinic_name", "clinic_phone", "clinic_email", "clinic_address", "clinic_hours"}
    assert all(facts.values())


def test_hours_text_groups_equal_days(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(
        "name: C\nphone: '1'\nemail: e@x.example\naddress: a\ntimezone: UTC\nphone_region: GB\n"
        "opening_hours:\n  monday: ['09:00', '17:00']\n  tuesday: ['09:00', '17:00']\n  friday: ['10:00', '14:00']\n"
        "booking_horizon_days: 30\nminimum_notice_hours: 1\n"
    )
    loaded = load_clinic(path)
    assert loaded.hours_text() == "Mon–Tue 09:00–17:00, Wed–Thu closed, Fri 10:00–14:00, Sat–Sun closed"
    assert loaded.hours_on(dt.date(2026, 11, 25)) is None  # a Wednesday


def test_closing_before_opening_is_refused(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(
        "name: C\nphone: '1'\nemail: e@x.example\naddress: a\ntimezone: UTC\nphone_region: GB\n"
        "opening_hours:\n  monday: ['17:00', '09:00']\nbooking_horizon_days: 30\nminimum_notice_hours: 1\n"
    )
    with pytest.raises(ValueError):
        load_clinic(path)
