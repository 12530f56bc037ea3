"""The bench's table, results/bench.md and the one-line summary that ends the run.

The last line is always

    p50_speedup=<baseline p50 / ours> throughput_gain=<ours / baseline> train_speedup=<baseline / ours>
    rss_saving=<1 - ours / baseline> f1_delta=<ours - baseline> growth=<ours p50 turns 191-200 / turns 1-10>

(on one line), each value a number or `n/a` when a figure was not measured (the smoke run
has no baseline). RSS is the Rasa server's and the action server's peaks added together.
"""
import math
from typing import Callable, List, Optional, Sequence, Tuple

from harness.bench.measure import Measured

Number = Optional[float]


def number(value) -> Number:
    """A finite float, or None (not measured, nan, a division by zero)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def ratio(top, bottom) -> Number:
    top, bottom = number(top), number(bottom)
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def rss_total(measured: Optional[Measured]) -> Number:
    if measured is None or not measured.rss_mb:
        return None
    return sum(measured.rss_mb.values())


def summary(ours: Measured, baseline: Optional[Measured]) -> List[Tuple[str, Number]]:
    """The last line's figures, in order."""
    base = baseline or Measured("baseline")
    rss_ratio = ratio(rss_total(ours), rss_total(base))
    f1_ours, f1_base = number(ours.intent_f1), number(base.intent_f1)
    return [
        ("p50_speedup", ratio(base.latency.get("p50_ms"), ours.latency.get("p50_ms"))),
        ("throughput_gain", ratio(ours.throughput.get("per_s"), base.throughput.get("per_s"))),
        ("train_speedup", ratio(base.train_s, ours.train_s)),
        ("rss_saving", None if rss_ratio is None else 1 - rss_ratio),
        ("f1_delta", None if f1_ours is None or f1_base is None else f1_ours - f1_base),
        ("growth", ratio(ours.growth.get("last_p50_ms"), ours.growth.get("first_p50_ms"))),
    ]


def last_line(ours: Measured, baseline: Optional[Measured]) -> str:
    def shown(key: str, value: Number) -> str:
        if value is None:
            return "n/a"
        return f"{value:.3f}" if key in ("rss_saving", "f1_delta") else f"{value:.2f}"

    return " ".join(f"{key}={shown(key, value)}" for key, value in summary(ours, baseline))


# -- the table --------------------------------------------------------------------------------------
Row = Tuple[str, Callable[[Measured], Number], str]

ROWS: Sequence[Row] = (
    ("latency p50 (ms/message)", lambda m: m.latency.get("p50_ms"), "{:.0f}"),
    ("latency p95 (ms/message)", lambda m: m.latency.get("p95_ms"), "{:.0f}"),
    ("replies as expected (sequential)", lambda m: ratio(m.latency.get("expected"), m.latency.get("checked")),
     "{:.0%}"),
    ("throughput (messages/s, concurrent)", lambda m: m.throughput.get("per_s"), "{:.2f}"),
    ("latency p50 under concurrency (ms)", lambda m: m.throughput.get("p50_ms"), "{:.0f}"),
    ("latency p95 under concurrency (ms)", lambda m: m.throughput.get("p95_ms"), "{:.0f}"),
    ("cold start to first answer (s)", lambda m: m.cold_start_s, "{:.1f}"),
    ("peak RSS, Rasa server (MB)", lambda m: m.rss_mb.get("rasa"), "{:.0f}"),
    ("peak RSS, action server (MB)", lambda m: m.rss_mb.get("actions"), "{:.0f}"),
    ("peak RSS, both (MB)", rss_total, "{:.0f}"),
    ("training, rasa train --force (s)", lambda m: m.train_s, "{:.0f}"),
    ("intent weighted F1, tests/heldout", lambda m: m.intent_f1, "{:.3f}"),
    ("long conversation p50, first turns (ms)", lambda m: m.growth.get("first_p50_ms"), "{:.0f}"),
    ("long conversation p50, last turns (ms)", lambda m: m.growth.get("last_p50_ms"), "{:.0f}"),
    ("long conversation growth (last / first)",
     lambda m: ratio(m.growth.get("last_p50_ms"), m.growth.get("first_p50_ms")), "{:.2f}"),
    ("errors (latency + throughput + long)",
     lambda m: sum(number(part.get("errors")) or 0 for part in (m.latency, m.throughput, m.growth))
     if (m.latency or m.throughput or m.growth) else None, "{:.0f}"),
)


def cell(value: Number, pattern: str) -> str:
    value = number(value)
    return "n/a" if value is None else pattern.format(value)


def table(assistants: Sequence[Measured]) -> str:
    """A Markdown table, one column per assistant."""
    header = "| measure | " + " | ".join(m.name for m in assistants) + " |"
    rule = "| --- |" + " ---: |" * len(assistants)
    lines = [header, rule]
    for label, read, pattern in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(read(m), pattern) for m in assistants) + " |")
    return "\n".join(lines)


def markdown(assistants: Sequence[Measured], ours: Measured, baseline: Optional[Measured],
             setup: Sequence[str]) -> str:
    """The whole of results/bench.md."""
    parts = ["# make bench", "", *[f"- {line}" for line in setup], "", table(assistants), ""]
    for measured in assistants:
        if measured.notes or measured.model:
            parts.append(f"**{measured.name}** (`{measured.model}`)")
            parts.extend(f"- {note}" for note in measured.notes)
            parts.append("")
    parts += ["```", last_line(ours, baseline), "```", ""]
    return "\n".join(parts)
