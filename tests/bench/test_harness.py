"""The bench harness (harness/bench/): its percentile maths and its report, on made-up figures.
No timing is asserted anywhere. The smoke run against the real servers is tests/e2e/test_bench_smoke.py."""
import math
import re

import pytest

from harness.bench import report
from harness.bench.measure import Deadline, DeadlinePassed, Measured, children, conversations, percentile
from harness.bench.run import parse_args

NUMBER = r"(-?\d+\.\d+|n/a)"
LAST_LINE = re.compile(
    rf"^p50_speedup={NUMBER} throughput_gain={NUMBER} train_speedup={NUMBER} rss_saving={NUMBER} "
    rf"f1_delta={NUMBER} growth={NUMBER}$"
)


# -- percentiles ----------------------------------------------------------------------------------
@pytest.mark.parametrize("values, q, expected", [
    ([1, 2, 3, 4], 50, 2.5),  # even count: halfway between the middle two
    ([1, 2, 3, 4, 5], 50, 3),  # odd count: the middle one
    ([5, 1, 4, 2, 3], 50, 3),  # order does not matter
    (list(range(1, 101)), 95, 95.05),  # linear between ranks, as numpy.percentile
    ([7], 95, 7),  # one value is every percentile
    ([1, 2, 3], 0, 1),  # the ends
    ([1, 2, 3], 100, 3),
])
def test_percentile(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_nan():
    assert math.isnan(percentile([], 50))


def test_percentile_refuses_q_outside_0_to_100():
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_deadline_cuts_the_timeout_and_then_refuses():
    now = [100.0]
    deadline = Deadline(10, clock=lambda: now[0])
    assert deadline.timeout(60) == 10  # cut to what is left
    now[0] = 108.0
    assert deadline.timeout(1) == 1  # shorter than what is left
    now[0] = 111.0
    with pytest.raises(DeadlinePassed):
        deadline.timeout(60)


# -- conversations and arguments --------------------------------------------------------------------
def test_conversations_alternate_questions_and_bookings_with_a_greeting_first():
    made = conversations("t", 4)
    assert [script.kind for script in made] == ["faq", "booking", "faq", "booking"]
    assert all(script.turns[0].text == "hi" and 8 <= len(script.turns) <= 10 for script in made)
    assert len({script.sender for script in made}) == 4


def test_conversations_cut_short():
    assert [len(script.turns) for script in conversations("t", 2, turns=3)] == [3, 3]


def test_skip_train_needs_a_baseline_model_unless_smoke_or_ours_only():
    with pytest.raises(SystemExit):
        parse_args(["--skip-train"])
    assert parse_args(["--skip-train", "--smoke"]).smoke
    assert parse_args(["--skip-train", "--ours-only"]).ours_only


def test_no_process_is_a_child_of_nobody():
    assert children(2 ** 22 + 1) == []  # above pid_max: nothing has it as its parent


# -- the report -------------------------------------------------------------------------------------
def measured(name, p50, per_s, train_s, rss, f1, first=None, last=None):
    return Measured(
        name, latency={"p50_ms": p50, "p95_ms": p50 * 2, "errors": 0, "expected": 8, "checked": 10},
        throughput={"per_s": per_s, "p50_ms": p50, "p95_ms": p50 * 3, "errors": 0},
        growth={} if first is None else {"first_p50_ms": first, "last_p50_ms": last, "errors": 0},
        rss_mb=rss, train_s=train_s, intent_f1=f1, cold_start_s=12.0,
    )


def test_last_line_from_both_assistants():
    ours = measured("ours", p50=50, per_s=20, train_s=60, rss={"rasa": 600, "actions": 150}, f1=0.97,
                    first=40, last=100)
    baseline = measured("baseline", p50=150, per_s=8, train_s=1800, rss={"rasa": 1300, "actions": 200}, f1=0.92,
                        first=120, last=999)
    line = report.last_line(ours, baseline)
    assert line == ("p50_speedup=3.00 throughput_gain=2.50 train_speedup=30.00 rss_saving=0.500 "
                    "f1_delta=0.050 growth=2.50")  # growth is ours alone; RSS adds both servers
    assert LAST_LINE.match(line)


def test_last_line_without_a_baseline_says_n_a():
    ours = measured("ours", p50=50, per_s=20, train_s=None, rss={"rasa": 600}, f1=None, first=40, last=60)
    line = report.last_line(ours, None)
    assert line == "p50_speedup=n/a throughput_gain=n/a train_speedup=n/a rss_saving=n/a f1_delta=n/a growth=1.50"
    assert LAST_LINE.match(line)


def test_a_negative_f1_delta_and_a_zero_denominator():
    ours = measured("ours", p50=0, per_s=20, train_s=60, rss={}, f1=0.90)
    baseline = measured("baseline", p50=150, per_s=0, train_s=1800, rss={}, f1=0.95)
    figures = dict(report.summary(ours, baseline))
    assert figures["f1_delta"] == pytest.approx(-0.05)
    assert figures["p50_speedup"] is None  # ours took 0 ms: no ratio, not infinity
    assert report.last_line(ours, baseline).startswith("p50_speedup=n/a throughput_gain=n/a")


def test_table_has_a_column_per_assistant_and_n_a_for_what_was_not_measured():
    ours = measured("ours", p50=50, per_s=20, train_s=None, rss={"rasa": 600, "actions": 150}, f1=0.97)
    lines = report.table([ours]).splitlines()
    assert lines[0] == "| measure | ours |"
    rows = {line.split(" | ")[0].lstrip("| "): line.rsplit(" | ", 1)[1].rstrip(" |") for line in lines[2:]}
    assert rows["latency p50 (ms/message)"] == "50"
    assert rows["replies as expected (sequential)"] == "80%"
    assert rows["peak RSS, both (MB)"] == "750"
    assert rows["training, rasa train --force (s)"] == "n/a"


def test_markdown_ends_with_the_last_line_in_a_code_block():
    ours = measured("ours", p50=50, per_s=20, train_s=None, rss={"rasa": 600}, f1=None)
    text = report.markdown([ours], ours, None, ["setup line"])
    assert text.startswith("# make bench\n\n- setup line\n")
    assert text.rstrip().endswith("```\n" + report.last_line(ours, None) + "\n```")
