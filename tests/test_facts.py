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
    return [variation["text"] for variation in domain["responses"][name]]


def test_the_guide_copy_matches_the_clinic_guide():
    if not SHARED_GUIDE.exists():
        pytest.skip("shared/seed is not next to this checkout")
    assert GUIDE.read_text(encoding="utf-8") == SHARED_GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("fact", sorted(FACTS["facts"]))
def test_every_fact_is_quoted_verbatim_from_the_guide(fact):
    assert normalise(FACTS["facts"][fact]) in normalise(GUIDE.read_text(encoding="utf-8"))


def test_every_clinical_answer_is_listed(domain):
    clinical = {name for name in domain["responses"] if name.startswith(("utter_faq_", "utter_guide_step_"))}
    listed = set(FACTS["answers"]) | set(FACTS["deferrals"])
    assert clinical <= listed, clinical - listed
    assert listed <= set(domain["responses"])


@pytest.mark.parametrize("name", sorted(FACTS["answers"]))
def test_answer_states_only_what_its_facts_say(domain, name):
    for text in response_texts(domain, name):
        assert unsupported(text, FACTS["answers"][name]) == {"numbers": [], "terms": []}


@pytest.mark.parametrize("name", sorted(FACTS["deferrals"]))
def test_deferrals_make_no_claim_and_say_where_to_go(domain, name):
    for text in response_texts(domain, name):
        assert not numbers(text)
        assert FACTS["deferrals"][name] in text.lower()
        claims = terms_in(text) - {"consultation", "skincare professional"} - set(FACTS["deferral_topics"])
        assert not claims, claims


@pytest.mark.parametrize(
    "text, facts, expected",
    [
        # the checker itself must catch invented claims
        ("It's painless and there's no downtime.", ["pain"], {"numbers": [], "terms": ["no downtime", "painless"]}),
        ("You need 2-3 sessions.", ["sessions"], {"numbers": ["2"], "terms": []}),
        ("Expect some bruising for 48 hours.", ["side_effects_common"], {"numbers": ["48"], "terms": ["bruis", "hour", "hours"]}),
        ("Usually 3-6 treatments, 4-6 weeks apart.", ["sessions"], {"numbers": [], "terms": []}),
    ],
)
def test_the_checker_catches_invented_claims(text, facts, expected):
    assert unsupported(text, facts) == expected
