"""`make bench`: this assistant against the `rasa init` baseline, on the same machine, in one run.

    python -m harness.bench.run [--smoke] [--skip-train] [--baseline-model PATH] [--ours-model PATH]
                                [--long-turns 200] [--out results] [--deadline-s 10800]

For each assistant (ours: config.yml; the baseline: harness/bench/baseline_config.yml, the
same data, domain and actions), one after the other, never both at once:

1. training: `rasa train --force` into a temporary folder, wall time (not with --skip-train;
   models/clinic.tar.gz is never touched);
2. serving with harness/servers.py (action server + `rasa run`, SQLite tracker store, loopback):
   cold start (process start to the first answer), latency over realistic conversations
   one after another, throughput with 8 at a time, one long conversation, peak RSS of both
   servers;
3. intent weighted F1 of `rasa test nlu` on tests/heldout.

It prints the table, writes <out>/bench.md and <out>/bench.json (the servers' logs and the
trained models under <out>/bench/), and ends with one line (harness/bench/report.py).
--smoke: ours only, models/clinic.tar.gz, a handful of messages, no training, no F1.
--ours-only: the full measurements on ours alone (the baseline takes long to train).
Without --skip-train the models served are the ones just trained, unless --ours-model or
--baseline-model names another; with --skip-train, ours is models/clinic.tar.gz and
--baseline-model is required.
"""
import argparse
import json
import secrets
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import List, Optional

from harness.bench import measure, report
from harness.bench.measure import Client, Deadline, DeadlinePassed, Measured, RssPoller
from harness.servers import running_servers

PROJECT_DIR = Path(__file__).resolve().parents[2]
OURS_CONFIG = PROJECT_DIR / "config.yml"
BASELINE_CONFIG = PROJECT_DIR / "harness" / "bench" / "baseline_config.yml"
OURS_MODEL = PROJECT_DIR / "models" / "clinic.tar.gz"
HELDOUT = PROJECT_DIR / "tests" / "heldout"
BASELINE_NOTES = (
    "Rasa 3.6's default pipeline and policies (what `rasa init` trains), with `retrieval_intent: faq` "
    "on the ResponseSelector so that action_answer_question finds its answer (harness/bench/baseline_config.yml).",
    "Without the project's components: no spaCy entities (skin concern, area, step by number, personal "
    "factors, what the guide does not cover), no booking details extractor, one question per message, "
    "no answer-level thresholds; DIET learns entities from the few annotated booking examples only.",
)


@dataclass(frozen=True)
class Load:
    """How much traffic each assistant gets."""
    conversations: int = 8  # one after another, for latency
    turns: Optional[int] = None  # None: whole conversations (9 turns)
    concurrency: int = 8
    concurrent_conversations: int = 16  # for throughput: `concurrency` at a time
    long_turns: int = 200
    window: int = 10


SMOKE = Load(conversations=1, turns=4, concurrency=2, concurrent_conversations=2, long_turns=4, window=2)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def serve_and_measure(measured: Measured, model: Path, work_dir: Path, load: Load, deadline: Deadline) -> None:
    """Cold start, latency, throughput, the long conversation and peak RSS, with the servers up."""
    run_id = secrets.token_hex(3)
    shutil.rmtree(work_dir, ignore_errors=True)
    started = time.perf_counter()
    with running_servers(model, work_dir, project_dir=PROJECT_DIR) as servers:
        pids = measure.server_pids()
        with RssPoller(pids) as memory:
            client = Client(servers.rasa_url, deadline, token=servers.rest_token)
            first = client.send(f"bench-{run_id}-cold", measure.Turn("hi"))
            if first.ok:
                measured.cold_start_s = time.perf_counter() - started
            else:
                measured.notes.append(f"the first message got no answer ({first.error})")
            log(f"{measured.name}: cold start {measured.cold_start_s}")
            try:
                measured.latency = measure.latency(
                    client, measure.conversations(f"{run_id}-seq", load.conversations, load.turns))
                log(f"{measured.name}: latency {measured.latency}")
                measured.throughput = measure.throughput(
                    client, measure.conversations(f"{run_id}-par", load.concurrent_conversations, load.turns),
                    load.concurrency)
                log(f"{measured.name}: throughput {measured.throughput}")
                if load.long_turns:
                    measured.growth = measure.growth(client, f"bench-{run_id}-long", load.long_turns, load.window)
                    log(f"{measured.name}: long conversation {measured.growth['first_p50_ms']:.0f} -> "
                        f"{measured.growth['last_p50_ms']:.0f} ms")
            finally:
                measured.rss_mb = memory.peaks()
                if set(pids) != {"rasa", "actions"}:
                    measured.notes.append(f"found only these servers' processes for RSS: {sorted(pids)}")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="ours only, a handful of messages, no training, no F1")
    parser.add_argument("--skip-train", action="store_true", help="no training (and no training time)")
    parser.add_argument("--ours-only", action="store_true", help="the full load on ours alone, no baseline")
    parser.add_argument("--ours-model", type=Path)
    parser.add_argument("--baseline-model", type=Path)
    parser.add_argument("--long-turns", type=int, default=Load.long_turns)
    parser.add_argument("--conversations", type=int, default=Load.conversations,
                        help="conversations one after another, for latency")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "results")
    parser.add_argument("--deadline-s", type=float, help="overall limit (default 10800: the baseline alone trains for over an hour on 2 cores; smoke 600)")
    args = parser.parse_args(argv)
    if not 0 <= args.long_turns <= 1000 or not 1 <= args.conversations <= 100:
        parser.error("--long-turns is at most 1000 and --conversations 1 to 100")
    if args.skip_train and not args.smoke and not args.ours_only and not args.baseline_model:
        parser.error("--skip-train needs --baseline-model (a model trained with harness/bench/baseline_config.yml)")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    deadline = Deadline(args.deadline_s or (600 if args.smoke else 10800))
    load = SMOKE if args.smoke else Load(conversations=args.conversations, long_turns=args.long_turns)
    out = args.out.resolve()
    work = out / "bench"
    work.mkdir(parents=True, exist_ok=True)
    ours = Measured("ours", notes=["config.yml; tracker store SQLite (as endpoints.yml), REST without message_id"])
    baseline = None if args.smoke or args.ours_only else Measured("baseline", notes=list(BASELINE_NOTES))
    assistants: List[Measured] = [m for m in (ours, baseline) if m is not None]
    configs = {"ours": OURS_CONFIG, "baseline": BASELINE_CONFIG}
    models = {"ours": args.ours_model, "baseline": args.baseline_model}
    failed = False

    try:
        if not args.smoke and not args.skip_train:
            for measured in assistants:
                log(f"{measured.name}: rasa train --force")
                name = "clinic" if measured.name == "ours" else "baseline"
                measured.train_s = measure.train(PROJECT_DIR, configs[measured.name], work / "models", name,
                                                 work / f"train-{measured.name}.log", deadline.timeout(7200))
                log(f"{measured.name}: trained in {measured.train_s:.0f} s")
                models[measured.name] = models[measured.name] or work / "models" / f"{name}.tar.gz"
        models["ours"] = models["ours"] or OURS_MODEL
        for measured in assistants:
            measured.model = str(models[measured.name])
            log(f"{measured.name}: serving {measured.model}")
            serve_and_measure(measured, Path(models[measured.name]), work / f"servers-{measured.name}", load,
                              deadline)
        if not args.smoke:
            for measured in assistants:
                log(f"{measured.name}: rasa test nlu on tests/heldout")
                measured.intent_f1 = measure.intent_f1(PROJECT_DIR, Path(models[measured.name]), HELDOUT,
                                                       work / f"nlu-{measured.name}", work / f"nlu-{measured.name}.log",
                                                       deadline.timeout(1800))
    except DeadlinePassed as passed:
        failed = True
        ours.notes.append(f"stopped early: {passed}")
    except Exception as error:  # report what was measured before it, then fail
        failed = True
        ours.notes.append(f"stopped early: {type(error).__name__}: {error}")
        log(f"stopped early: {type(error).__name__}: {error}")

    setup = [
        f"{time.strftime('%Y-%m-%d %H:%M')}, {'smoke run' if args.smoke else 'ours only' if args.ours_only else 'both'}"
        f"{', no training (--skip-train)' if args.skip_train and not args.smoke else ''}, "
        f"same machine, one assistant served at a time",
        f"latency: {load.conversations} conversations one after another"
        f" ({load.turns or 9} turns each, half questions and the walk-through, half bookings), plus one "
        f"greeting for the cold start",
        f"throughput: {load.concurrent_conversations} conversations, {load.concurrency} at a time",
        f"long conversation: {load.long_turns} turns (questions and walk-through, no booking); "
        f"p50 of the first and last {load.window}",
        "RSS: peak (VmHWM, and VmRSS polled every 0.5 s) of each server process; `both` is their sum",
        "cold start: from starting both servers to the first answer (a greeting); harness/servers.py checks "
        "readiness once a second, so it reads up to about 1 s high",
    ]
    print(report.table(assistants))
    (out / "bench.md").write_text(report.markdown(assistants, ours, baseline, setup), encoding="utf-8")
    (out / "bench.json").write_text(json.dumps([asdict(m) for m in assistants], indent=1), encoding="utf-8")
    print(f"written: {out / 'bench.md'}")
    for measured in assistants:
        for note in measured.notes:
            print(f"{measured.name}: {note}")
    print(report.last_line(ours, baseline))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
