"""The report's matching of bot messages to responses, and its verdicts (no server, no real questions)."""
import json

import pytest
import yaml

from evaluation import real_questions_report as report
from evaluation.real_questions_report import (
    Row,
    compile_template,
    identify,
    judge,
    load_questions,
    load_templates,
    reply_key,
    report_lines,
    response_key,
    verdict,
)

OLD_DOMAIN = """
responses:
  utter_greet:
    - text: "Hello from {clinic_name}. Ask me anything."
      buttons:
        - title: "Book"
          payload: "/book_consultation"
  utter_disclaimer:
    - text: "General information only."
  utter_faq_pain:
    - text: "A cream numbs the skin first."
  utter_faq_suitability:
    - text: "Whether it suits you is decided at a consultation."
  utter_faq_price:
    - text: "No prices here."
  utter_complication:
    - text: "Please call {clinic_phone} ({clinic_hours})."
  utter_guide_step_consultation:
    - text: "Step 1 of 2: you meet a professional."
  utter_guide_step_procedure:
    - text: "Step 2 of 2: tiny needles."
  utter_guide_finished:
    - text: "That was all."
  utter_did_you_mean:
    - text: "Did you mean one of these?"
  utter_still_not_sure:
    - text: "Still not sure, sorry."
  utter_out_of_scope:
    - text: "I can only help with {topic} at {clinic_name}."
  utter_hand_over:
    - text: "Call the team on {clinic_phone}."
  utter_summary:
    - text: "Check:\\n- Name: {name}\\n- Time: {time}\\nSend it?"
  utter_anything:
    - text: "{text}"
  utter_braces:
    - text: "Literal {{braces}} here"
  utter_only_image:
    - image: "https://example.com/a.png"
"""

NEW_DOMAIN = """
responses:
  utter_greet:
    - text: "Hello."
  utter_faq/pain:
    - text: "Numbing cream, then a light prickling."
    - text: "It prickles a little; a numbing cream helps."
  utter_faq/aftercare:
    - text: "Keep out of the sun."
  utter_faq/suitability:
    - text: "That is for your consultation."
  utter_faq/unknown_product:
    - text: "I can't say which products to use."
  utter_faq/clinic_info:
    - text: "We are at {clinic_address}."
  utter_guide_intro:
    - text: "Here is what happens, step by step."
  utter_guide_step_preparation:
    - text: "Step 2: cleansing."
"""


@pytest.fixture
def old_templates(tmp_path):
    path = tmp_path / "domain.yml"
    path.write_text(OLD_DOMAIN)
    return load_templates([path])


@pytest.fixture
def new_templates(tmp_path):
    path = tmp_path / "domain.yml"
    path.write_text(NEW_DOMAIN)
    return load_templates([path])


def bot(*texts):
    return [{"recipient_id": "x", "text": text} for text in texts]


# ------------------------------------------------------------------ response keys


@pytest.mark.parametrize(
    "name, key",
    [
        ("utter_faq_pain", "pain"),
        ("utter_faq_side_effects", "side_effects"),
        ("utter_faq/pain", "pain"),
        ("utter_faq/unknown_activity", "unknown_activity"),
        ("utter_faq/complication", "complication"),
        # the safety answers of each level are answers to something happening after a treatment
        ("utter_faq/emergency", "complication"),
        ("utter_faq/urgent_closed", "complication"),
        ("utter_faq/expected_reaction", "complication"),
        ("utter_faq/clinic_info", "clinic_info"),
        ("utter_guide_step_preparation", "preparation"),
        ("utter_complication", "complication"),
        ("utter_did_you_mean", "fallback"),
        ("utter_still_not_sure", "fallback"),
        ("utter_out_of_scope", "oos"),
        ("utter_guide_intro", "guide_start"),
        ("utter_guide_finished", "utter_guide_finished"),
        ("utter_hand_over", "utter_hand_over"),
        ("utter_greet", "utter_greet"),
    ],
)
def test_response_names_of_both_schemes_map_to_topic_keys(name, key):
    assert response_key(name) == key


# ------------------------------------------------------------------ matching texts to responses


def test_a_plain_text_matches_its_response(old_templates):
    assert identify("A cream numbs the skin first.", old_templates) == "utter_faq_pain"


def test_placeholders_match_any_text(old_templates):
    assert identify("Please call +44 20 1234 5678 (Mon-Fri 9:00-18:00).", old_templates) == "utter_complication"
    assert identify("I can only help with microneedling at Some Clinic.", old_templates) == "utter_out_of_scope"


def test_an_unfilled_placeholder_still_matches(old_templates):
    assert identify("Call the team on {clinic_phone}.", old_templates) == "utter_hand_over"


def test_the_whole_text_must_match(old_templates):
    assert identify("A cream numbs the skin first. And more.", old_templates) != "utter_faq_pain"
    assert identify("Did you mean one of these", old_templates) != "utter_did_you_mean"


def test_multi_line_texts_match(old_templates):
    text = "Check:\n- Name: Ann Lee\n- Time: Tuesday\nat 3pm\nSend it?"
    assert identify(text, old_templates) == "utter_summary"


def test_the_most_specific_template_wins_over_a_bare_placeholder(old_templates):
    assert identify("Still not sure, sorry.", old_templates) == "utter_still_not_sure"
    assert identify("Something no template says.", old_templates) == "utter_anything"


def test_double_braces_are_literal(old_templates):
    assert identify("Literal {braces} here", old_templates) == "utter_braces"


def test_responses_without_text_are_skipped(old_templates):
    assert "utter_only_image" not in {template.name for template in old_templates}


def test_every_variation_of_a_retrieval_response_matches(new_templates):
    assert identify("Numbing cream, then a light prickling.", new_templates) == "utter_faq/pain"
    assert identify("It prickles a little; a numbing cream helps.", new_templates) == "utter_faq/pain"


def test_no_match_gives_none():
    templates = [compile_template("utter_x", "Exactly this.")]
    assert identify("Something else.", templates) is None


def test_whitespace_differences_do_not_matter():
    templates = [compile_template("utter_x", "Two  words\nand more.")]
    assert identify("Two words and more. ", templates) == "utter_x"


# ------------------------------------------------------------------ the reply's topic


def test_the_topic_skips_greetings_and_disclaimers(old_templates):
    row = judge("q", "pain", bot("Hello from Clinic. Ask me anything.", "General information only.",
                                 "A cream numbs the skin first."), old_templates)
    assert row.responses == ["utter_greet", "utter_disclaimer", "utter_faq_pain"]
    assert (row.key, row.verdict) == ("pain", "right")


def test_the_first_topic_message_is_the_reply_topic():
    assert reply_key(["utter_faq_pain", "utter_faq_price"]) == "pain"
    assert reply_key(["utter_hand_over", "utter_did_you_mean"]) == "fallback"


def test_a_reply_with_only_other_responses_takes_the_first_of_them():
    assert reply_key(["utter_greet", "utter_hand_over"]) == "utter_hand_over"
    assert reply_key(["utter_greet"]) == "utter_greet"


def test_a_walk_through_intro_gives_way_to_its_first_step(new_templates):
    row = judge("q", "pain", bot("Here is what happens, step by step.", "Step 2: cleansing."), new_templates)
    assert row.key == "preparation"


def test_unmatched_and_empty_replies():
    assert reply_key([None]) == "unmatched"
    assert reply_key([]) == "no_reply"


def test_messages_without_text_are_ignored(old_templates):
    row = judge("q", "pain", [{"image": "https://example.com/a.png"}, {"text": "A cream numbs the skin first."}],
                old_templates)
    assert row.key == "pain"


def test_new_scheme_reply_is_judged(new_templates):
    row = judge("q", "unknown", bot("I can't say which products to use."), new_templates)
    assert (row.key, row.verdict) == ("unknown_product", "right")


# ------------------------------------------------------------------ verdicts


@pytest.mark.parametrize(
    "expect, key",
    [
        ("pain", "pain"),
        ("price", "price"),
        ("complication", "complication"),
        ("consultation", "consultation"),
        ("aftercare", "downtime"),
        ("aftercare", "aftercare"),
        ("downtime", "aftercare"),
        ("steps", "procedure"),
        ("steps", "consultation"),
        ("steps", "aftercare"),
        ("steps", "guide_start"),
        ("consult", "suitability"),
        ("consult", "consultation"),
        ("unknown", "unknown_activity"),
        ("unknown", "unknown_product"),
        ("oos", "oos"),
    ],
)
def test_right(expect, key):
    assert verdict(expect, key) == "right"


@pytest.mark.parametrize(
    "expect, key",
    [
        ("consult", "safety"),
        ("consult", "pain"),
        ("complication", "side_effects"),
        ("complication", "downtime"),
        ("unknown", "aftercare"),
        ("unknown", "procedure"),
        ("pain", "oos"),
        ("steps", "pain"),
        ("oos", "what_is"),
        ("price", "consultation"),
    ],
)
def test_a_confident_answer_to_something_else_is_wrong(expect, key):
    assert verdict(expect, key) == "wrong"


@pytest.mark.parametrize(
    "expect, key",
    [
        ("pain", "fallback"),
        ("consult", "fallback"),
        ("complication", "suitability"),
        ("pain", "unknown_activity"),
        ("consult", "price"),
        ("unknown", "complication"),
        ("unknown", "suitability"),
        ("oos", "fallback"),
        ("what_is", "utter_hand_over"),
        ("pain", "clinic_info"),
        ("pain", "unmatched"),
        ("pain", "no_reply"),
        ("pain", "guide_start"),
    ],
)
def test_a_non_answer_is_safe(expect, key):
    assert verdict(expect, key) == "safe"


# ------------------------------------------------------------------ the printed report


def test_report_counts_per_expect_and_lists_the_worst():
    rows = [
        Row("made-up question one", "pain", "pain", "right"),
        Row("made-up question two", "pain", "fallback", "safe"),
        Row("made-up consult question", "consult", "safety", "wrong"),
        Row("made-up unknown question", "unknown", "aftercare", "wrong"),
    ]
    lines = report_lines(rows)
    assert lines[0].split() == ["expect", "n", "right", "safe", "wrong"]
    assert lines[1].split() == ["pain", "2", "1", "1", "0"]
    assert lines[2].split() == ["consult", "1", "0", "0", "1"]
    assert lines[3].split() == ["unknown", "1", "0", "0", "1"]
    assert lines[4].split() == ["total", "4", "1", "1", "2"]
    assert lines[5].split() == ["25.0%", "25.0%", "50.0%"]
    assert any("consult" in line and "safety" in line and "made-up consult question" in line for line in lines)
    assert not any("made-up unknown question" in line for line in lines)
    assert lines[-1] == "real_questions right=1/4 (25.0%) safe=1 wrong=2 wrong_on_consult_or_complication=1"


def test_load_questions_reads_text_and_expect(tmp_path):
    path = tmp_path / "q.yml"
    path.write_text(yaml.safe_dump({"questions": [{"expect": "pain", "text": "made up?", "source": "x"}]}))
    assert load_questions(path) == [("made up?", "pain")]


def test_load_questions_rejects_a_malformed_file(tmp_path):
    path = tmp_path / "q.yml"
    path.write_text(yaml.safe_dump({"questions": [{"text": "no expect"}]}))
    with pytest.raises(ValueError):
        load_questions(path)


def test_the_whole_run_against_a_fake_server(tmp_path, monkeypatch, capsys):
    domain = tmp_path / "domain.yml"
    domain.write_text(OLD_DOMAIN)
    questions = tmp_path / "q.yml"
    questions.write_text(yaml.safe_dump({"questions": [
        {"expect": "pain", "text": "made-up pain question"},
        {"expect": "consult", "text": "made-up consult question"},
    ]}))
    replies = {"made-up pain question": bot("A cream numbs the skin first."),
               "made-up consult question": bot("Did you mean one of these?")}
    senders = []

    def fake_say(url, sender, text, timeout_s=60):
        senders.append(sender)
        return replies[text]

    monkeypatch.setattr("harness.servers.say", fake_say)
    out = tmp_path / "out.json"
    code = report.main(["--url", "http://127.0.0.1:1", "--questions", str(questions), "--domain", str(domain),
                        "--json", str(out)])
    assert code == 0
    assert len(set(senders)) == 2  # a fresh conversation each
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "real_questions right=1/2 (50.0%) safe=1 wrong=0 wrong_on_consult_or_complication=0"
    )
    rows = json.loads(out.read_text())["rows"]
    assert [(row["expect"], row["key"], row["verdict"]) for row in rows] == [
        ("pain", "pain", "right"), ("consult", "fallback", "safe")]
    assert {"text", "expect", "key", "verdict"} <= set(rows[0])


def test_a_failing_server_is_an_error(tmp_path, monkeypatch):
    domain = tmp_path / "domain.yml"
    domain.write_text(OLD_DOMAIN)
    questions = tmp_path / "q.yml"
    questions.write_text(yaml.safe_dump({"questions": [{"expect": "pain", "text": "made up"}]}))

    def broken_say(url, sender, text, timeout_s=60):
        raise ConnectionError("refused")

    monkeypatch.setattr("harness.servers.say", broken_say)
    monkeypatch.setattr(report.time, "sleep", lambda s: None)
    assert report.main(["--url", "http://127.0.0.1:1", "--questions", str(questions), "--domain", str(domain)]) == 1


def test_a_multi_question_reads_its_parts(tmp_path):
    path = tmp_path / "q.yml"
    path.write_text(yaml.safe_dump({"questions": [{"expect": "multi", "parts": ["pain", "downtime"], "text": "x"}]}))
    assert load_questions(path) == [("x", "multi:pain+downtime")]
    path.write_text(yaml.safe_dump({"questions": [{"expect": "multi", "text": "x"}]}))
    with pytest.raises(ValueError):
        load_questions(path)


@pytest.mark.parametrize("keys, expected", [
    (["pain", "downtime"], "right"),  # both parts answered
    (["pain", "aftercare"], "right"),  # aftercare answers a downtime part, as for single questions
    (["pain"], "safe"),  # a part left unanswered
    (["pain", "sessions"], "wrong"),  # an answer to something not asked
    (["fallback"], "safe"),
])
def test_multi_verdict(keys, expected):
    from evaluation.real_questions_report import multi_verdict

    assert multi_verdict(["pain", "downtime"], keys) == expected


def test_a_follow_ups_lead_in_is_not_the_topic():
    assert reply_key(["utter_faq/follow_up", "utter_faq/pain"]) == "pain"
    assert reply_key(["utter_faq/about_that", "utter_faq/sessions"]) == "sessions"


def test_a_conversations_file_keeps_its_turns_in_order(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(yaml.safe_dump({"conversations": [
        {"id": "a", "turns": [{"text": "first", "expect": "pain"}, {"text": "then", "expect": "none"}]},
        {"id": "b", "turns": [{"text": "only", "expect": "multi:pain+price"}]},
    ]}))
    assert report.load_conversations(path) == [[("first", "pain"), ("then", "none")], [("only", "multi:pain+price")]]
    path.write_text(yaml.safe_dump({"conversations": [{"id": "a", "turns": [{"text": "no expect"}]}]}))
    with pytest.raises(ValueError):
        report.load_conversations(path)


def test_a_questions_file_is_one_turn_conversations(tmp_path):
    path = tmp_path / "q.yml"
    path.write_text(yaml.safe_dump({"questions": [{"expect": "pain", "text": "x"}, {"expect": "price", "text": "y"}]}))
    assert report.load_conversations(path) == [[("x", "pain")], [("y", "price")]]


def test_a_conversations_turns_share_one_sender_and_unscored_turns_give_no_row(tmp_path, monkeypatch, capsys):
    domain = tmp_path / "domain.yml"
    domain.write_text(OLD_DOMAIN)
    conversations = tmp_path / "c.yml"
    conversations.write_text(yaml.safe_dump({"conversations": [
        {"id": "a", "turns": [{"text": "made-up pain question", "expect": "pain"},
                              {"text": "thanks", "expect": "none"},
                              {"text": "and the price?", "expect": "price"}]},
    ]}))
    replies = {"made-up pain question": bot("A cream numbs the skin first."), "thanks": bot("General information only."),
               "and the price?": bot("A cream numbs the skin first.")}
    said = []

    def fake_say(url, sender, text, timeout_s=60):
        said.append((sender, text))
        return replies[text]

    monkeypatch.setattr("harness.servers.say", fake_say)
    assert report.main(["--url", "http://127.0.0.1:1", "--questions", str(conversations), "--domain", str(domain),
                        "--totals-only"]) == 0
    assert [text for _, text in said] == ["made-up pain question", "thanks", "and the price?"]
    assert len({sender for sender, _ in said}) == 1
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "real_questions right=1/2 (50.0%) safe=0 wrong=1 wrong_on_consult_or_complication=0"
    )


def test_a_line_saying_the_guide_gives_no_time_makes_the_reply_an_off_guide_one(tmp_path):
    # "how long is the consultation?": the line, then what the guide says of the consultation; the reply is the
    # off-guide answer (right for a question the guide does not answer, safe for one it does), and in a message of
    # several questions the answer after the line is part of it, not an answer to something nobody asked
    path = tmp_path / "domain.yml"
    path.write_text(yaml.safe_dump({"responses": {
        "utter_no_time_in_the_guide": [{"text": "I can't give you a time for that."}],
        "utter_faq/consultation": [{"text": "You meet a skincare professional."}],
        "utter_faq/pain": [{"text": "It prickles."}],
    }}))
    templates = load_templates([path])
    reply = bot("I can't give you a time for that.", "You meet a skincare professional.")
    assert (judge("q", "unknown", reply, templates).verdict) == "right"
    assert (judge("q", "results", reply, templates).verdict) == "safe"
    assert judge("q", "consultation", bot("You meet a skincare professional."), templates).verdict == "right"
    row = judge("q", "multi:unknown+pain", reply + bot("It prickles."), templates)
    assert (row.key, row.verdict) == ("unknown_time+pain", "right")
    # the answer without the line, to a part that asked something else, is still wrong
    assert judge("q", "multi:unknown+pain", bot("You meet a skincare professional.", "It prickles."),
                 templates).verdict == "wrong"


def test_every_safety_route_of_the_domain_is_scored_as_one(domain):
    # the clinic-today route for a lasting sign was scored as another answer ("safe") until it was listed here
    from evaluation.real_questions_report import SAFETY_RESPONSES
    from evaluation.safety_report import _ROUTES

    routes = {
        name
        for name in domain["responses"]
        if name.startswith(("utter_faq/emergency", "utter_faq/urgent", "utter_faq/expected_reaction"))
        and not name.startswith("utter_faq/emergency_explained")
    }
    assert routes - SAFETY_RESPONSES == set()
    assert routes - set(_ROUTES) == set()
