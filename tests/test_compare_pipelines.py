"""The pipeline comparison: its candidates match config.yml where they should, and parses become reply keys."""
from pathlib import Path

import pytest
import yaml

from evaluation.compare_pipelines import PIPELINES_DIR, Result, candidate_paths, main, reply_key, table
from evaluation.real_questions_report import verdict

PROJECT_DIR = Path(__file__).resolve().parent.parent


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CONFIG = load(PROJECT_DIR / "config.yml")
CANDIDATES = sorted(PIPELINES_DIR.glob("*.yml"))


def test_the_shipped_candidate_is_config_yml():
    assert load(PIPELINES_DIR / "question_classifier.yml") == CONFIG


@pytest.mark.parametrize("path", CANDIDATES, ids=lambda p: p.stem)
def test_every_candidate_has_the_policies_and_entity_extractors_of_config_yml(path):
    candidate = load(path)
    assert candidate["policies"] == CONFIG["policies"]
    assert {k: candidate[k] for k in ("recipe", "language", "assistant_id")} == \
        {k: CONFIG[k] for k in ("recipe", "language", "assistant_id")}
    extractors = [c for c in CONFIG["pipeline"] if "Entity" in c["name"] or c["name"].startswith("Spacy")]
    assert [c for c in candidate["pipeline"] if c in extractors] == extractors


@pytest.mark.parametrize("name", ["lr_response_selector", "diet_response_selector"])
def test_rasa_candidates_select_faq_answers_with_a_seed(name):
    pipeline = load(PIPELINES_DIR / f"{name}.yml")["pipeline"]
    selector = next(c for c in pipeline if c["name"] == "ResponseSelector")
    assert selector["retrieval_intent"] == "faq" and selector["random_seed"] is not None
    assert pipeline[-1]["name"] == "FallbackClassifier"


def test_candidates_by_name_or_path():
    assert candidate_paths(["lr_response_selector", "pipelines/diet_response_selector.yml"]) == [
        PIPELINES_DIR / "lr_response_selector.yml", PIPELINES_DIR / "diet_response_selector.yml"]
    assert candidate_paths([]) == CANDIDATES
    with pytest.raises(SystemExit):
        candidate_paths(["no_such_pipeline"])


@pytest.mark.parametrize("label, answered, entities, key", [
    ("faq/pain", True, [], "pain"),
    ("faq/unknown_activity", True, [], "unknown_activity"),
    ("faq/pain", False, [], "fallback"),
    ("out_of_scope", True, [], "oos"),
    ("start_guide", True, [], "consultation"),
    ("show_step", True, [{"entity": "guide_step", "value": "aftercare"}], "aftercare"),
    ("book_consultation", True, [], "book_consultation"),
])
def test_reply_key(label, answered, entities, key):
    assert reply_key(label, answered, entities) == key


def test_reply_keys_get_the_reports_verdicts():
    assert verdict("consult", reply_key("faq/suitability", True)) == "right"
    assert verdict("consult", reply_key("faq/pain", True)) == "wrong"
    assert verdict("consult", reply_key("faq/pain", False)) == "safe"
    assert verdict("steps", reply_key("start_guide", True)) == "right"
    assert verdict("oos", reply_key("out_of_scope", True)) == "right"


def test_table_has_a_row_per_candidate_and_columns_per_set():
    result = Result(pipeline="a", train_s=12.3, train_load=1.04, model_mb=1.0, parse_ms=4.56,
                    nlu={"tests/nlu": {"examples": 10, "weighted_f1": 0.9, "answered": 9, "answered_wrongly": 1,
                                       "split": 2}},
                    real_total=5, real_right=3, real_safe=1, real_wrong=1, real_split=1)
    rows = table([result])
    assert len(rows) == 3
    assert "tests/nlu weighted F1" in rows[0] and rows[0].count("|") == rows[1].count("|") == rows[2].count("|")
    assert rows[2] == "| `a` | 12 | 1.0 | 4.6 | 1.0 | 0.9000 | 9/10 | 1 | 3/5 | 1 | 1 | 0 | 2 / 1 |"


def test_the_held_out_set_is_refused():
    with pytest.raises(SystemExit, match="held-out"):
        main(["question_classifier", "--nlu", str(PROJECT_DIR / "tests" / "heldout")])
