import json

import pytest

from evaluation.check_nlu_report import main


@pytest.mark.parametrize("f1, expected_exit", [(0.97, 0), (0.95, 0), (0.9499, 1), (0.5, 1)])
def test_gate_passes_only_at_or_above_the_minimum(tmp_path, capsys, f1, expected_exit):
    report = tmp_path / "intent_report.json"
    report.write_text(json.dumps({"weighted avg": {"f1-score": f1, "precision": 1, "recall": 1}}))
    assert main([str(report), "--min-weighted-f1", "0.95"]) == expected_exit
    assert f"{f1:.4f}" in capsys.readouterr().out


def test_a_missing_report_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        main([str(tmp_path / "missing.json"), "--min-weighted-f1", "0.95"])
