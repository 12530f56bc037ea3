"""Show, for candidate fallback thresholds, what the held-out set would get.

Reads Rasa's per-example results of a model evaluated WITHOUT a fallback
threshold (`intent_successes.json`, `intent_errors.json`), and prints for each
threshold how many messages would be answered, how many of those wrongly, and
how many wrong answers would go to a clinical question (an ask_* or
report_complication message).

Usage: python scripts/choose_threshold.py results/threshold
"""
import json
import sys
from pathlib import Path

CLINICAL_PREFIXES = ("ask_", "report_")


def load(folder: Path):
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = folder / name
        if path.exists():
            rows += json.loads(path.read_text(encoding="utf-8"))
    return [(r["intent"], r["intent_prediction"]["name"], r["intent_prediction"]["confidence"]) for r in rows]


def table(rows, thresholds):
    for threshold in thresholds:
        answered = [(gold, pred) for gold, pred, conf in rows if conf >= threshold]
        wrong = [(gold, pred) for gold, pred in answered if gold != pred]
        clinical_wrong = [(g, p) for g, p in wrong if g.startswith(CLINICAL_PREFIXES) or p.startswith(CLINICAL_PREFIXES)]
        yield threshold, len(answered), len(rows), len(wrong), len(clinical_wrong)


def main(folder: str) -> None:
    rows = load(Path(folder))
    print("threshold  answered  wrong  wrong-on-clinical")
    for threshold, answered, total, wrong, clinical in table(rows, [x / 20 for x in range(0, 20)]):
        print(f"{threshold:9.2f}  {answered:4d}/{total}  {wrong:5d}  {clinical:5d}")
    top_wrong = sorted(((c, g, p) for g, p, c in rows if g != p), reverse=True)[:10]
    print("most confident mistakes:")
    for conf, gold, pred in top_wrong:
        print(f"  {conf:.3f}  {gold} -> {pred}")


if __name__ == "__main__":
    main(sys.argv[1])
