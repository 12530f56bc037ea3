"""Fail when the held-out intent weighted F1 in Rasa's report is below the minimum.

Usage: python evaluation/check_nlu_report.py results/nlu/intent_report.json --min-weighted-f1 0.95
"""
import argparse
import json
import sys
from pathlib import Path


def weighted_f1(report_path: Path) -> float:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return float(report["weighted avg"]["f1-score"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--min-weighted-f1", type=float, required=True)
    args = parser.parse_args(argv)
    f1 = weighted_f1(args.report)
    verdict = "ok" if f1 >= args.min_weighted_f1 else "FAILED"
    print(f"held-out intent weighted F1 {f1:.4f} (minimum {args.min_weighted_f1}): {verdict}")
    return 0 if f1 >= args.min_weighted_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
