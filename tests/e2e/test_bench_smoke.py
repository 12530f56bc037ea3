"""A smoke run of the bench harness (`python -m harness.bench.run --smoke`): our model only, a few
messages through the real servers, so that `make bench` cannot rot. No timing is asserted."""
import subprocess
import sys

import pytest

from harness.bench.run import Load
from tests.bench.test_harness import LAST_LINE
from tests.e2e.conftest import MODEL, PROJECT_DIR

def test_smoke_run_prints_the_table_writes_bench_md_and_ends_with_the_line(tmp_path):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    done = subprocess.run([sys.executable, "-m", "harness.bench.run", "--smoke", "--out", str(tmp_path)],
                          cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert lines[-1].startswith("p50_speedup=n/a ")  # no baseline in the smoke run
    assert lines[0] == "| measure | ours |"
    table = {line.split(" | ")[0].lstrip("| "): line.rsplit(" | ", 1)[1].rstrip(" |")
             for line in lines if line.startswith("| ") and " | " in line}
    for measure in ("latency p50 (ms/message)", "throughput (messages/s, concurrent)",
                    "cold start to first answer (s)", "peak RSS, Rasa server (MB)", "peak RSS, action server (MB)",
                    "long conversation growth (last / first)"):
        assert table[measure] != "n/a", measure  # measured, whatever its value
    assert table["errors (latency + throughput + long)"] == "0"
    assert table["replies as expected (sequential)"] == "100%"  # our assistant answered as scripted
    bench_md = (tmp_path / "bench.md").read_text()
    assert bench_md.rstrip().endswith(lines[-1] + "\n```")
    assert (tmp_path / "bench.json").exists()
    assert Load().long_turns == 200  # the full run's default, kept in one place
