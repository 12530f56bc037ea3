"""Every number and clinical term in the answers is backed by the clinic's guide."""
import re
from pathlib import Path

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
GUIDE = PROJECT_DIR / "facts" / "collagen-induction-therapy-guide.txt"
SHARED_GUIDE = PROJECT_DIR.parent / "shared" / "seed" / GUIDE.name
FACTS = yaml.safe_load((PROJECT_DIR / "facts" / "guide_facts.yml").read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.split())


def numbers(text: str):
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def terms_in(text: str):
    lowered = normalise(text).lower()
    return {
        term for term in FACTS["clinical_terms"]
        if re.search(r"(?<![\w-])" + re.escape(term.lower()), lowered)
    }


def unsupported(response_text: str, fact_ids) -> dict:
    """Numbers and clinical terms of a response that none of its cited facts contains."""
    cited = " ".join(FACTS["facts"][fact] for fact in fact_ids)
    return {
        "numbers": sorted(numbers(normalise(response_text)) - numbers(normalise(cited))),
        "terms": sorted(terms_in(response_text) - terms_in(cited)),
    }


def response_texts(domain, name):
    """The texts of a response, without its placeholders: {clinic_phone} or {thing} is filled when it is sent."""
    return [re.sub(r"\{\w+\}", "", variation["text"]) for variation in domain["responses"][name]]


def says(text: str, phrase: str) -> bool:
    return normalise(phrase).lower() in normalise(text).lower()


def test_the_guide_copy_matches_the_clinic_guide():
    if not SHARED_GUIDE.exists():
        pytest.skip("shared/seed is not next to this checkout")
    assert GUIDE.read_text(encoding="utf-8") == SHARED_GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("fact", sorted(FACTS["facts"]))
def test_every_fact_is_quoted_verbatim_from_the_guide(fact):
    assert normalise(FACTS["facts"][fact]) in normalise(GUIDE.read_text(encoding="utf-8"))


def test_every_clinical_answer_is_listed(domain):
    clinical = {name for name in domain["responses"] if name.startswith("utter_faq/")} | {"utter_guide_finished"}
    listed = set(FACTS["answers"]) | set(FACTS["deferrals"]) | set(FACTS["no_claim"]) | set(FACTS["safety_routes"])
    assert clinical - listed == set()
    assert listed - set(domain["responses"]) == set()
    assert set(FACTS["must_say"]) <= set(FACTS["answers"])


@pytest.mark.parametrize("name", sorted(FACTS["answers"]))
def test_answer_states_only_what_its_facts_say(domain, name):
    for text in response_texts(domain, name):
        assert unsupported(text, FACTS["answers"][name]) == {"numbers": [], "terms": []}


@pytest.mark.parametrize("name", sorted(FACTS["must_say"]))
def test_answer_says_what_it_must(domain, name):
    for text in response_texts(domain, name):
        assert says(text, FACTS["must_say"][name])


def test_what_must_be_said_is_required_where_it_matters(domain):
    # an expected reaction says when to contact the clinic; an off-guide answer says first that it cannot answer
    assert FACTS["must_say"]["utter_faq/expected_reaction"] == "contact the clinic"
    off_guide = {name for name in domain["responses"] if name.startswith("utter_faq/unknown_")}
    assert off_guide, "no off-guide answers found"
    assert {name: FACTS["must_say"].get(name) for name in off_guide} == {name: "can't tell you that here" for name in off_guide}


@pytest.mark.parametrize("name", sorted(FACTS["deferrals"]))
def test_deferrals_make_no_claim_and_say_where_to_go(domain, name):
    for text in response_texts(domain, name):
        assert not numbers(text)
        assert FACTS["deferrals"][name] in text.lower()
        claims = terms_in(text) - {"consultation", "skincare professional"} - set(FACTS["deferral_topics"])
        assert not claims, claims


@pytest.mark.parametrize("name", sorted(FACTS["no_claim"]))
def test_replies_about_the_clinic_make_no_clinical_claim(domain, name):
    for text in response_texts(domain, name):
        assert not numbers(text)
        claims = terms_in(text) - set(FACTS["no_claim"][name])
        assert not claims, claims


@pytest.mark.parametrize(
    "text, facts, expected",
    [
        # the checker itself must catch invented claims
        ("It's painless and there's no downtime.", ["pain"], {"numbers": [], "terms": ["no downtime", "painless"]}),
        ("You need 2-3 sessions.", ["sessions"], {"numbers": ["2"], "terms": []}),
        ("Expect some bruising for 48 hours.", ["side_effects_common"], {"numbers": ["48"], "terms": ["bruis", "hour", "hours"]}),
        ("Usually 3-6 treatments, 4-6 weeks apart.", ["sessions"], {"numbers": [], "terms": []}),
        # a true fact cited for the wrong answer still fails: each answer rests on its own facts
        ("Redness settles within a few days.", ["pain"], {"numbers": [], "terms": ["days", "red", "redness"]}),
        # how long results last: the guide never says
        ("Results last for years.", ["results"], {"numbers": [], "terms": ["years"]}),
    ],
)
def test_the_checker_catches_invented_claims(text, facts, expected):
    assert unsupported(text, facts) == expected


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        # the phrase must be there, whatever the apostrophe or case
        ("I can’t tell you that here: the guide doesn't cover it.", "can't tell you that here", True),
        ("Please Contact the clinic promptly on 0123.", "contact the clinic promptly", True),
        # a near miss is a miss
        ("Please contact the clinic on 0123.", "contact the clinic promptly", False),
        ("I can tell you that here.", "can't tell you that here", False),
    ],
)
def test_the_checker_finds_what_must_be_said(text, phrase, expected):
    assert says(text, phrase) is expected


# ---------------------------------------------------------------- safety routes: clinic.yml's settings

CLINIC = yaml.safe_load((PROJECT_DIR / "clinic.yml").read_text(encoding="utf-8"))


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


@pytest.mark.parametrize("name", sorted(FACTS["safety_routes"]))
def test_a_safety_route_says_where_to_go_first_and_reassures_nobody(domain, name):
    for variation in domain["responses"][name]:
        text = variation["text"]
        assert FACTS["safety_routes"][name] in first_sentence(text), first_sentence(text)
        assert not numbers(re.sub(r"\{\w+\}", "", text)), "a number not from clinic.yml"
        lowered = normalise(text).lower()
        assert [word for word in FACTS["reassurance"] if re.search(rf"\b{re.escape(word)}", lowered)] == []
        assert not variation.get("buttons"), "no booking offer with a safety route"


def test_the_safety_replies_name_the_clinics_settings(domain):
    # the emergency number and the out-of-hours route are the clinic's settings, filled in from clinic.yml
    from core.settings import SAFETY_FACTS, load_clinic

    clinic = load_clinic(PROJECT_DIR / "clinic.yml")
    assert {key: clinic.facts()[key] for key in SAFETY_FACTS} == {key: str(CLINIC["safety"][key]) for key in SAFETY_FACTS}
    assert "{emergency_number}" in domain["responses"]["utter_faq/emergency"][0]["text"]
    assert "{out_of_hours}" in domain["responses"]["utter_faq/urgent_closed"][0]["text"]
    assert "{out_of_hours}" in domain["responses"]["utter_faq/expected_reaction_closed"][0]["text"]
    assert "{under_age_policy}" in domain["responses"]["utter_faq/minors"][0]["text"]


def test_the_safety_defaults_follow_nhs_advice():
    # the defaults are the UK's: 999 for anaphylaxis, NHS 111 when the clinic is closed; the file says so
    safety = CLINIC["safety"]
    assert safety["emergency_number"] == "999" and "111" in safety["out_of_hours"]
    source = (PROJECT_DIR / "clinic.yml").read_text(encoding="utf-8")
    assert "nhs.uk" in source and "Anaphylaxis" in source and "Cellulitis" in source
    # the signs the issue names fall where it says
    signs = {level: " ".join(safety["signs"][level]) for level in ("emergency", "urgent", "expected")}
    for word in ("lip", "tongue", "throat", "breath", "swallow", "faint", "chest"):
        assert word in signs["emergency"], word
    for word in ("pus", "discharge", "crust", "spread", "throb", "fever", "eye", "worse"):
        assert word in signs["urgent"], word
    for word in ("red", "swell", "sensitiv", "sunburn"):
        assert word in signs["expected"], word


# a time or a length of any kind in a passage of the guide: "about 30 minutes to an hour", "within a few days"
_A_TIME = re.compile(r"\d|\b(?:minutes?|hours?|days|weeks|months|few)\b", re.IGNORECASE)


def test_the_answers_said_to_give_no_time_are_those_with_no_passage_saying_how_long():
    """Asked how long, an answer of actions/answers.py GIVES_NO_TIME first says the guide gives no time: exactly the
    guide's own answers (not the off-guide or safety ones, which must say something else first) that `how_long` names
    no passage for; and each passage named there is one the answer rests on, with a time in it."""
    from actions.answers import GIVES_NO_TIME

    guide_answers = {name for name in FACTS["answers"] if name.startswith("utter_faq/") and name not in FACTS["must_say"]}
    assert set(FACTS["how_long"]) <= guide_answers
    for name, fact in FACTS["how_long"].items():
        assert fact in FACTS["answers"][name] and _A_TIME.search(FACTS["facts"][fact]), name
    assert {name.split("/", 1)[1] for name in guide_answers - set(FACTS["how_long"])} == GIVES_NO_TIME
    # an answer resting on no passage with a time in it can give none
    for name in guide_answers - set(FACTS["how_long"]):
        if not any(_A_TIME.search(FACTS["facts"][fact]) for fact in FACTS["answers"][name]):
            assert name.split("/", 1)[1] in GIVES_NO_TIME
