"""Compare the candidate NLU pipelines in pipelines/: what each costs and how well it answers.

    python -m evaluation.compare_pipelines [NAME ...] [--nlu DIR ...] [--json OUT] [--models DIR]

NAME is a file in pipelines/ with or without `.yml` (default: all of them);
pipelines/question_classifier.yml is a copy of config.yml's pipeline. The
candidates run one after another. For each:

- training: `rasa train nlu` into a temporary directory with a fresh, empty Rasa
  cache, so every training is a full one; the wall-clock seconds of the command
  (Python and TensorFlow start-up included, the same for every candidate) and the
  machine's mean load average meanwhile (other work on the machine slows it);
- each labelled development set (default tests/nlu and tests/paraphrases):
  weighted F1 over full labels (`faq/pain`, `affirm`, …, the fallback undone), how
  many messages would be answered and how many of those wrongly (evaluation/evaluate_nlu.py);
- ../shared/real-questions/dev.yml: an NLU-level proxy of evaluation/real_questions_report.py,
  no servers: the full label the model gives becomes the key of the reply it leads
  to (see `reply_key`) and is judged right, safe or wrong by the same `verdict`.
  Only the top label counts, so a message split into questions is judged by it;
- parse time: the median of `agent.parse_message` per message over the texts of
  all those sets, after a warm-up.

All candidates train on one copy of data/nlu and domain.yml taken at the start,
so edits made meanwhile do not change the comparison (a change to components/
during the run is reported). Times are comparable only within one run on one
machine. The held-out set (tests/heldout) is refused. Prints a markdown table;
--json writes the figures (no message texts).
"""
import argparse
import asyncio
import hashlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple


from evaluation.evaluate_nlu import full_label, load_examples, summary
from evaluation.real_questions_report import (
    DEFAULT_QUESTIONS, FALLBACK, OOS, RIGHT, SAFE, WORST_EXPECTS, WRONG, load_questions, verdict,
)

PROJECT_DIR = Path(__file__).resolve().parents[1]
PIPELINES_DIR = PROJECT_DIR / "pipelines"
RETRIEVAL_PREFIX = "faq/"
OUT_OF_SCOPE = "out_of_scope"
# intents that run action_show_guide_step; in a fresh conversation it shows the step
# the message names, else the first one (core/walkthrough.py)
GUIDE_INTENTS = ("start_guide", "next_step", "previous_step", "show_step")
WARM_UP = 20
LOAD_SAMPLE_S = 5
SHIPPED = "question_classifier"  # the copy of config.yml's pipeline
DEV_NLU_SETS = (PROJECT_DIR / "tests" / "nlu", PROJECT_DIR / "tests" / "paraphrases")


# ------------------------------------------------------------------ candidates


def candidate_paths(names: Sequence[str], folder: Path = PIPELINES_DIR) -> List[Path]:
    """The config files for the names given ("lr_response_selector", "pipelines/x.yml"); all when none."""
    if not names:
        paths = sorted(folder.glob("*.yml"))
        if not paths:
            raise SystemExit(f"no candidates in {folder}")
        return paths
    paths = []
    for name in names:
        path = Path(name)
        if not path.is_file():
            path = folder / (path.name if path.suffix == ".yml" else f"{path.name}.yml")
        if not path.is_file():
            known = ", ".join(p.stem for p in sorted(folder.glob("*.yml")))
            raise SystemExit(f"no candidate {name!r} (known: {known})")
        paths.append(path.resolve())
    return paths


def snapshot_training_data(work: Path) -> Tuple[Path, Path]:
    """A copy of data/nlu and domain.yml, the same for every candidate."""
    nlu = work / "data" / "nlu"
    shutil.copytree(PROJECT_DIR / "data" / "nlu", nlu)
    domain = work / "domain.yml"
    shutil.copy2(PROJECT_DIR / "domain.yml", domain)
    return nlu, domain


def train(config: Path, nlu: Path, domain: Path, work: Path) -> Tuple[Path, float, float]:
    """`rasa train nlu` with an empty cache of its own: the model, the wall-clock seconds, the mean load."""
    name = config.stem
    out = work / "models"
    cache = work / f"cache-{name}"
    cache.mkdir(parents=True)
    env = {
        **os.environ,
        "RASA_CACHE_DIRECTORY": str(cache),  # fresh: nothing to reuse from another training
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    command = [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", str(nlu),
               "--domain", str(domain), "--out", str(out), "--fixed-model-name", name]
    log = work / f"train-{name}.log"
    loads = []
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)
        while True:
            try:
                returncode = process.wait(timeout=LOAD_SAMPLE_S)
                break
            except subprocess.TimeoutExpired:
                loads.append(os.getloadavg()[0])
    seconds = time.perf_counter() - started
    model = out / f"{name}.tar.gz"
    if returncode != 0 or not model.is_file():
        tail = "".join(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-30:])
        raise RuntimeError(f"training {config} failed (exit {returncode}):\n{tail}")
    return model, seconds, statistics.mean(loads) if loads else os.getloadavg()[0]


def fingerprint(paths: Sequence[Path]) -> str:
    """A hash of the files that decide what a candidate is (its config, the project's components)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def code_and_configs() -> List[Path]:
    return list((PROJECT_DIR / "components").glob("*.py")) + list(PIPELINES_DIR.glob("*.yml"))


def shipped_differs() -> bool:
    """Whether pipelines/question_classifier.yml is no longer config.yml's pipeline and policies."""
    import yaml

    def load(path: Path) -> dict:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {key: document.get(key) for key in ("pipeline", "policies")}

    shipped = PIPELINES_DIR / f"{SHIPPED}.yml"
    return shipped.is_file() and load(shipped) != load(PROJECT_DIR / "config.yml")


# ------------------------------------------------------------------ scoring


def reply_key(label: str, answered: bool, entities: Sequence[Dict] = ()) -> str:
    """The key of the reply a parse leads to, as evaluation/real_questions_report.py names replies.

    Not answered: the fallback ("did you mean …?"); `faq/x`: x; out_of_scope: "oos"; a walk-through
    intent: the step action_show_guide_step shows in a fresh conversation (the one a `guide_step`
    entity names, else the first); any other intent (booking, greeting, …): its own name.
    """
    if not answered:
        return FALLBACK
    if label.startswith(RETRIEVAL_PREFIX):
        return label[len(RETRIEVAL_PREFIX):]
    if label == OUT_OF_SCOPE:
        return OOS
    if label in GUIDE_INTENTS:
        from core.walkthrough import target_step

        named = next((e.get("value") for e in entities if e.get("entity") == "guide_step"), None)
        return target_step(label, None, named if isinstance(named, str) else None) or label
    return label


@dataclass
class Result:
    pipeline: str
    train_s: float
    train_load: float  # mean 1-minute load average of the machine while it trained
    model_mb: float
    parse_ms: float = 0.0
    # per NLU set: examples, weighted_f1, answered, answered_wrongly, split
    nlu: Dict[str, Dict[str, float]] = field(default_factory=dict)
    real_total: int = 0
    real_right: int = 0
    real_safe: int = 0
    real_wrong: int = 0
    real_wrong_on_consult_or_complication: int = 0
    real_split: int = 0  # real questions the model split into two or more questions
    real_by_expect: Dict[str, Dict[str, int]] = field(default_factory=dict)


def split_in_questions(parsed: Dict) -> bool:
    return len(parsed.get("questions") or []) > 1


async def score(model: Path, nlu_sets: Dict[str, List[Tuple[str, str]]], questions: List[Tuple[str, str]],
                result: Result) -> Result:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    texts = [text for examples in nlu_sets.values() for text, _ in examples] + [text for text, _ in questions]
    for text in texts[:WARM_UP]:
        await agent.parse_message(text)
    times: List[float] = []

    async def parse(text: str) -> Dict:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        times.append(time.perf_counter() - started)
        return parsed

    for name, examples in nlu_sets.items():
        rows, split = [], 0
        for text, gold in examples:
            parsed = await parse(text)
            split += split_in_questions(parsed)
            label, answered, _ = full_label(parsed)
            rows.append({"gold": gold, "predicted": label, "answered": answered})
        scores = summary(rows)
        result.nlu[name] = {"examples": scores["examples"], "weighted_f1": round(scores["weighted_f1"], 4),
                            "answered": scores["answered"], "answered_wrongly": scores["answered_wrongly"],
                            "split": split}

    for text, expect in questions:
        parsed = await parse(text)
        label, answered, _ = full_label(parsed)
        judged = verdict(expect, reply_key(label, answered, parsed.get("entities") or []))
        counts = result.real_by_expect.setdefault(expect, {RIGHT: 0, SAFE: 0, WRONG: 0})
        counts[judged] += 1
        result.real_wrong_on_consult_or_complication += judged == WRONG and expect in WORST_EXPECTS
        result.real_split += split_in_questions(parsed)
    result.real_total = len(questions)
    for verdict_name in (RIGHT, SAFE, WRONG):
        setattr(result, f"real_{verdict_name}", sum(c[verdict_name] for c in result.real_by_expect.values()))
    result.parse_ms = round(1000 * statistics.median(times), 2)
    return result


# ------------------------------------------------------------------ the table


def table(results: Sequence[Result]) -> List[str]:
    sets = list(results[0].nlu) if results else []
    header = ["candidate", "train s", "load while training", "parse ms (median)", "model MB"]
    for name in sets:
        header += [f"{name} weighted F1", f"{name} answered", f"{name} answered wrongly"]
    header += ["real dev right", "safe", "wrong", "wrong on consult/complication", "split into questions"]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for r in results:
        cells = [f"`{r.pipeline}`", f"{r.train_s:.0f}", f"{r.train_load:.1f}", f"{r.parse_ms:.1f}", f"{r.model_mb:.1f}"]
        for name in sets:
            n = r.nlu[name]
            cells += [f"{n['weighted_f1']:.4f}", f"{n['answered']}/{n['examples']}", f"{n['answered_wrongly']}"]
        split = " / ".join(str(r.nlu[name]["split"]) for name in sets) + f" / {r.real_split}"
        cells += [f"{r.real_right}/{r.real_total}", f"{r.real_safe}", f"{r.real_wrong}",
                  f"{r.real_wrong_on_consult_or_complication}", split]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="candidates in pipelines/ (default: all)")
    parser.add_argument("--nlu", type=Path, action="append",
                        help="a labelled development set, repeatable (default: those of "
                             + ", ".join(str(p.relative_to(PROJECT_DIR)) for p in DEV_NLU_SETS) + " that exist)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="default %(default)s")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--models", type=Path, help="keep the trained models in this folder")
    return parser.parse_args(argv)


def set_name(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(PROJECT_DIR)) if path.is_relative_to(PROJECT_DIR) else str(path)


def data_version() -> str:
    """The commit the training data, domain, components and candidates are at, and whether they differ from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True,
                                text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "data/nlu", "domain.yml", "components",
                                  "pipelines"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "not in git"
    return f"commit {commit}" + (" with uncommitted changes" if changed.strip() else "")


def write_json(path: Path, results: Sequence[Result]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n", encoding="utf-8")


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # Rasa's dependencies, on import
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    configs = candidate_paths(args.names)
    if any(config.stem == SHIPPED for config in configs) and shipped_differs():
        print(f"warning: pipelines/{SHIPPED}.yml is not config.yml's pipeline any more; copy it again",
              file=sys.stderr)
    sets = args.nlu or [path for path in DEV_NLU_SETS if path.exists()]
    if any("heldout" in path.resolve().parts for path in sets):
        raise SystemExit("the held-out set is not for comparing pipelines; use the development sets")
    nlu_sets = {set_name(path): load_examples(path) for path in sets}
    questions = load_questions(args.questions)
    before = fingerprint(code_and_configs())
    version = data_version()
    results = []
    with tempfile.TemporaryDirectory(prefix="compare-pipelines-") as tmp:
        work = Path(tmp)
        nlu, domain = snapshot_training_data(work)
        for config in configs:
            print(f"{config.stem}: training ...", file=sys.stderr, flush=True)
            model, seconds, load = train(config, nlu, domain, work)
            result = Result(pipeline=config.stem, train_s=round(seconds, 1), train_load=round(load, 2),
                            model_mb=round(model.stat().st_size / 1e6, 1))
            print(f"{config.stem}: trained in {seconds:.0f}s; scoring ...", file=sys.stderr, flush=True)
            results.append(asyncio.run(score(model, nlu_sets, questions, result)))
            print(table(results)[-1], file=sys.stderr, flush=True)
            if args.json:  # after every candidate, so that an interrupted run keeps what it measured
                write_json(args.json, results)
            if args.models:
                args.models.mkdir(parents=True, exist_ok=True)
                shutil.copy2(model, args.models / model.name)
    if fingerprint(code_and_configs()) != before:
        print("warning: components/ or pipelines/ changed during the run; the candidates may not be comparable",
              file=sys.stderr)
    described = "; ".join(f"{name}: {len(examples)} examples" for name, examples in nlu_sets.items())
    print(f"Trained on data/nlu and domain.yml as copied at the start of the run ({version}). Scored on {described}; "
          f"{args.questions.name}: {len(questions)} real questions (NLU-level proxy). "
          f"{platform.machine()}, {os.cpu_count()} CPUs, one candidate at a time.\n")
    print("\n".join(table(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
