"""Train each candidate NLU pipeline in pipelines/ and score it on the held-out set.

Prints, per candidate: training seconds, intent weighted F1 and accuracy on
tests/nlu, and the median parse time per message. Timings are only comparable
within one run on one machine.

Usage: python scripts/compare_pipelines.py [pipelines/NAME.yml ...]
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

OUT = Path("results/compare")

PARSE_TIMER = """
import asyncio, json, statistics, sys, time
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
agent = Agent.load(sys.argv[1])
texts = [m.get("text") for m in load_data("tests/nlu").intent_examples]
async def main():
    for text in texts[:20]:
        await agent.parse_message(text)  # warm up
    times = []
    for text in texts:
        start = time.perf_counter()
        await agent.parse_message(text)
        times.append(time.perf_counter() - start)
    print(json.dumps({"median_ms": 1000 * statistics.median(times)}))
asyncio.run(main())
"""


def run(args):
    # no training cache, so every candidate's training time is a full training
    env = {**os.environ, "RASA_MAX_CACHE_SIZE": "0"}
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def evaluate(config: Path) -> dict:
    name = config.stem
    model_dir = OUT / "models"
    start = time.perf_counter()
    run([sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", "data/nlu",
         "--out", str(model_dir), "--fixed-model-name", name])
    train_seconds = time.perf_counter() - start
    model = model_dir / f"{name}.tar.gz"
    run([sys.executable, "-m", "rasa", "test", "nlu", "--model", str(model), "--nlu", "tests/nlu",
         "--out", str(OUT / name), "--successes"])
    report = json.loads((OUT / name / "intent_report.json").read_text())
    timing = subprocess.run([sys.executable, "-c", PARSE_TIMER, str(model)], check=True,
                            capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return {
        "pipeline": name,
        "train_s": round(train_seconds, 1),
        "weighted_f1": round(report["weighted avg"]["f1-score"], 4),
        "accuracy": round(report["accuracy"], 4),
        **{k: round(v, 2) for k, v in json.loads(timing).items()},
    }


def main(paths):
    configs = [Path(p) for p in paths] or sorted(Path("pipelines").glob("*.yml"))
    for config in configs:
        print(json.dumps(evaluate(config)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
