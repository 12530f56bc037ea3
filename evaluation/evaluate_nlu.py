"""Score the trained model's NLU on a labelled set, by full label (`faq/pain`, `affirm`, …).

For each example: the label the classifier chose (the fallback undone, as in
Rasa's own report), and whether the assistant would answer it (not
`nlu_fallback`). Prints the weighted F1 over full labels, the per-label scores,
and how many messages would be answered and how many of those wrongly; writes
every prediction to --out as JSON. With --min-weighted-f1 it fails below that.

Usage: python -m evaluation.evaluate_nlu tests/heldout [--model models/clinic.tar.gz] [--out results/heldout.json]
"""
import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Dict, List, Tuple

from sklearn.metrics import classification_report, f1_score

FALLBACK = "nlu_fallback"
# The safety triage (components/triage.py) answers the classifier's "something is happening after a
# treatment" with the answer of its level, and an age question with the clinic's age policy, which
# defers to the consultation as the suitability answer does: each is scored as the label it refines.
REFINES = {"faq/emergency": "faq/complication", "faq/urgent": "faq/complication",
           "faq/expected_reaction": "faq/complication", "faq/minors": "faq/suitability"}


def load_examples(folder: Path) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(folder))
    return [
        (example.get("text"), example.get("intent_response_key") or example.get("intent"))
        for example in data.intent_examples
    ]


def full_label(parse: Dict) -> Tuple[str, bool, float]:
    """The label chosen with the fallback undone, whether it would be answered, and its confidence."""
    ranking = [entry for entry in parse.get("intent_ranking") or [] if entry["name"] != FALLBACK]
    answered = parse["intent"]["name"] != FALLBACK
    intent = ranking[0]["name"] if ranking else parse["intent"]["name"]
    confidence = ranking[0]["confidence"] if ranking else parse["intent"].get("confidence", 0.0)
    selector = (parse.get("response_selector") or {}).get(intent)
    if selector:
        key = selector["response"]["intent_response_key"]
        return REFINES.get(key, key), answered, selector["response"]["confidence"]
    return intent, answered, confidence


async def predict(model: Path, examples: List[Tuple[str, str]]) -> List[Dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no debug line per message
    agent = Agent.load(str(model))
    rows = []
    for text, gold in examples:
        parse = await agent.parse_message(text)
        label, answered, confidence = full_label(parse)
        questions = [q["intent_response_key"] for q in parse.get("questions") or []]
        rows.append({"text": text, "gold": gold, "predicted": label, "answered": answered,
                     "confidence": round(confidence, 4), "questions": questions})
    return rows


def summary(rows: List[Dict]) -> Dict:
    gold = [row["gold"] for row in rows]
    predicted = [row["predicted"] for row in rows]
    answered = [row for row in rows if row["answered"]]
    return {
        "examples": len(rows),
        "weighted_f1": f1_score(gold, predicted, average="weighted", zero_division=0),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(rows),
        "answered": len(answered),
        "answered_wrongly": sum(row["gold"] != row["predicted"] for row in answered),
        "report": classification_report(gold, predicted, output_dict=True, zero_division=0),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nlu", type=Path, help="a folder or file of NLU examples")
    parser.add_argument("--model", type=Path, default=Path("models/clinic.tar.gz"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--min-weighted-f1", type=float)
    args = parser.parse_args(argv)

    rows = asyncio.run(predict(args.model, load_examples(args.nlu)))
    result = summary(rows)
    for label, scores in sorted(result["report"].items()):
        if isinstance(scores, dict) and "support" in scores and label not in ("macro avg", "weighted avg"):
            print(f"  {label:28} f1 {scores['f1-score']:.2f}  n {int(scores['support'])}")
    print(
        f"{args.nlu}: {result['examples']} examples, weighted F1 {result['weighted_f1']:.4f}, "
        f"accuracy {result['accuracy']:.4f}; answered {result['answered']}, "
        f"of which wrongly {result['answered_wrongly']}"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"summary": result, "predictions": rows}, indent=1), encoding="utf-8")
    if args.min_weighted_f1 is not None:
        ok = result["weighted_f1"] >= args.min_weighted_f1
        print(f"weighted F1 {result['weighted_f1']:.4f} (minimum {args.min_weighted_f1}): {'ok' if ok else 'FAILED'}")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
