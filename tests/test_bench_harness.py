"""The benchmark harness (benchmarks/harness.py): what a reader of a benchmark's JSON result can rely on."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import harness  # noqa: E402


def test_result_file_holds_machine_args_results_and_ratios(tmp_path, capsys):
    ap = harness.add_arguments(argparse.ArgumentParser())
    ap.add_argument("--tokens", type=int, default=8)
    args = ap.parse_args(["--json", str(tmp_path / "r.json")])
    bench = harness.start("demo", args)
    calls = []
    runs = bench.best_of(3, ours=lambda: calls.append("ours") or 40.0, baseline=lambda: calls.append("base") or 10.0)
    assert calls == ["ours", "base"] * 3  # interleaved, so a noisy neighbour slows both alike
    assert bench.ratio("tok/s ours / baseline", max(runs["ours"]), max(runs["baseline"]), goal=">= 1") == 4.0
    bench.record("tokens_per_second", runs)
    path = bench.finish()

    doc = json.loads(path.read_text())
    assert path == tmp_path / "r.json"
    assert doc["benchmark"] == "demo" and doc["args"]["tokens"] == 8
    assert doc["machine"]["cores"] >= 1 and doc["machine"]["torch_threads"] >= 1 and doc["machine"]["platform"]
    assert len(doc["machine"]["load_average"]) == 3 and len(doc["load_average_end"]) == 3
    assert doc["results"]["tokens_per_second"] == {"ours": [40.0] * 3, "baseline": [10.0] * 3}
    assert doc["ratios"] == [{"label": "tok/s ours / baseline", "measured": 40.0, "against": 10.0, "ratio": 4.0, "goal": ">= 1"}]
    out = capsys.readouterr().out
    assert out.startswith("[demo] ") and "torch threads" in out
    assert "tok/s ours / baseline" in out and "4.00" in out and str(path) in out
