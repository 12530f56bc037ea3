"""Show, for candidate fallback thresholds, what a development set would get.

Reads the predictions that `python -m evaluation.evaluate_nlu FOLDER --out FILE`
wrote (the fallback undone) and prints, for each threshold of guide answers and
intents, how many messages would be answered and how many of those wrongly; a
deferral answer (see `deferral_answers` in config.yml) is held to the fixed
--deferral-threshold instead. Use a development set (tests/nlu), never the
held-out one.

Usage: python evaluation/choose_threshold.py results/dev_nlu.json [--deferral-threshold 0.2]
"""
import argparse
import json
import sys
from pathlib import Path

import yaml

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def deferral_prefixes(config: Path):
    for component in yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]:
        if "deferral_answers" in component:
            return tuple(component["deferral_answers"])
    return ()


def table(predictions, deferrals, deferral_threshold):
    for threshold in THRESHOLDS:
        answered = [
            p for p in predictions
            if p["confidence"] >= (deferral_threshold if p["predicted"].startswith(deferrals) else threshold)
        ]
        wrong = [p for p in answered if p["gold"] != p["predicted"]]
        wrong_guide = [p for p in wrong if p["predicted"].startswith("faq/") and not p["predicted"].startswith(deferrals)]
        yield threshold, len(answered), len(wrong), len(wrong_guide)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--config", type=Path, default=Path("config.yml"))
    parser.add_argument("--deferral-threshold", type=float, default=0.2)
    args = parser.parse_args(argv)
    predictions = json.loads(args.predictions.read_text(encoding="utf-8"))["predictions"]
    print(f"{len(predictions)} messages; threshold: answered, answered wrongly, of which a guide answer")
    for threshold, answered, wrong, wrong_guide in table(
        predictions, deferral_prefixes(args.config), args.deferral_threshold
    ):
        print(f"  {threshold:.2f}: {answered:4d} {wrong:4d} {wrong_guide:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
