import re

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions import session
from actions.session import ActionSessionStart
from core.settings import load_clinic

CLINIC_FILE = """\
name: Birch Skin Studio
phone: "+44 161 496 0000"
email: desk@birch.example
address: 1 Elm Row, Manchester
timezone: Europe/London
phone_region: GB
opening_hours:
  monday: ["09:00", "17:00"]
  tuesday: ["09:00", "17:00"]
booking_horizon_days: 30
minimum_notice_hours: 1
privacy:
  who_sees: the front desk
  used_for: to call you back
  kept_for: six months
crisis_help: Call 999 or Samaritans on 116 123.
safety:
  emergency_number: "999"
  emergency_service: 999 is for an ambulance.
  out_of_hours: call NHS 111
  out_of_hours_service: NHS 111 is a phone line.
  under_age_policy: Adults only.
"""


async def test_the_session_starts_with_the_clinics_facts_as_slots(dispatcher, make_tracker, domain, monkeypatch, tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text(CLINIC_FILE, encoding="utf-8")
    monkeypatch.setattr(session, "clinic", lambda: load_clinic(path))
    events = await ActionSessionStart().run(dispatcher, make_tracker(), domain)
    assert events == [
        SessionStarted(),
        SlotSet("clinic_name", "Birch Skin Studio"),
        SlotSet("clinic_phone", "+44 161 496 0000"),
        SlotSet("clinic_email", "desk@birch.example"),
        SlotSet("clinic_address", "1 Elm Row, Manchester"),
        SlotSet("clinic_hours", "Mon–Tue 09:00–17:00, Wed–Sun closed"),
        SlotSet("privacy_who_sees", "the front desk"),
        SlotSet("privacy_used_for", "to call you back"),
        SlotSet("privacy_kept_for", "six months"),
        SlotSet("privacy_chat_kept_for", "12 months"),
        SlotSet("crisis_help", "Call 999 or Samaritans on 116 123."),
        SlotSet("emergency_number", "999"),
        SlotSet("emergency_service", "999 is for an ambulance."),
        SlotSet("out_of_hours", "call NHS 111"),
        SlotSet("out_of_hours_service", "NHS 111 is a phone line."),
        SlotSet("under_age_policy", "Adults only."),
        SlotSet("expected_for_days", "3"),
        ActionExecuted("action_listen"),
    ]
    assert dispatcher.messages == []


async def test_every_clinic_fact_a_response_names_is_set_and_is_a_slot(dispatcher, make_tracker, domain):
    events = await ActionSessionStart().run(dispatcher, make_tracker(), domain)
    set_at_start = {event["name"] for event in events if event["event"] == "slot"}
    assert set_at_start <= set(domain["slots"])
    named = {
        placeholder
        for variations in domain["responses"].values()
        for variation in variations
        for placeholder in re.findall(r"(?<!\{)\{(\w+)\}(?!\})", variation.get("text", ""))
        if placeholder.startswith(("clinic_", "privacy_"))
    }
    assert named, "the scan found no placeholders at all"
    assert named <= set_at_start, named - set_at_start
