"""The every-kind coverage set and its end-to-end evaluation (benchmarks/eval_coverage.py).

The tiny random model makes the numbers meaningless, but the plumbing is the real one: `memlora nightly`,
`memlora serve` twice (served, adapter alone), the openai client, the checks and the per-kind table.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jobs_helpers import FAST_ENV

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "coverage"
sys.path.insert(0, str(REPO / "benchmarks"))

from coverage_checks import language_of, leaks, passes, wilson  # noqa: E402

KINDS = ("opening", "closing", "format", "length", "avoid", "language", "address", "fact", "free")


def test_labelled_set_covers_every_kind_style_and_a_held_out_part():
    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) >= 16 and sum(v["split"] == "heldout" for v in labels.values()) >= 4
    assert {v["style"] for v in labels.values()} >= {"mem0", "first_person", "third_person", "user", "lowercase_typos", "non_english"}
    assert sum(v["language"] != "en" for v in labels.values()) >= 2
    items = [it for v in labels.values() for it in v["items"]]
    assert {it["kind"] for it in items} == set(KINDS)
    for it in items:
        if it["kind"] == "fact":
            assert len(it["check"]["probes"]) >= 4 and it["check"]["expect"]
    for split in ("measure", "heldout"):
        text = "".join(p.read_text(encoding="utf-8") for p in (DATA / split).iterdir())
        for tenant, v in labels.items():
            assert (f'"{tenant}"' in text) == (v["split"] == split), (tenant, split)


@pytest.mark.parametrize("check,answer,ok", [
    ({"type": "starts_with", "text": "Hello Priya!"}, "Hello, Priya! Here is how.", True),
    ({"type": "starts_with", "text": "Hello Priya!"}, "Sure. Hello Priya!", False),
    ({"type": "ends_with", "text": "Stay curious!"}, "Drink water. Stay curious!", True),
    ({"type": "bullets"}, "- one\n- two", True),
    ({"type": "bullets"}, "1. one\n2. two", False),
    ({"type": "numbered"}, "1. one\n2) two", True),
    ({"type": "max_words", "n": 5}, "one two three four five six", False),
    ({"type": "avoid_words", "words": ["awesome"]}, "That is Awesome.", False),
    ({"type": "avoid_words", "words": ["egg"]}, "Try eggplant.", True),
    ({"type": "contains", "text": "Doc"}, "Sure, Doc: water it weekly.", True),
    ({"type": "contains", "text": "Doc"}, "See the document.", False),
    ({"type": "recall", "expect": ["Pebble"]}, "Your tortoise is called Pebble.", True),
    ({"type": "recall", "expect": ["Pebble"]}, "I don't know your tortoise's name.", False),
])
def test_each_check_tells_a_following_answer_from_one_that_is_not(check, answer, ok):
    assert passes(check, answer) is ok


def test_language_vote_and_wilson_interval():
    assert language_of("Le chat est sur la table et il dort dans le salon.") == "fr"
    assert language_of("Die Katze ist nicht auf dem Tisch, sie schläft.") == "de"
    assert language_of("El perro está en la casa y no quiere salir.") == "es"
    assert language_of("Il gatto è sulla sedia e non vuole scendere.") == "it"
    assert language_of("The cat is on the table and you can see it.") == "en"
    assert leaks("Try capturing the light.", "Photo tips?", [["Turin", "Torino"]]) == []
    assert leaks("You are not from Turin.", "Photo tips?", [["Turin"]]) == ["Turin"]
    assert leaks("Try **Mochi**.", "A festive dish?", [["Mochi"]], base="Mochi and s'mores.") == [], "the base says it too"
    lo, hi = wilson(6, 12)
    assert lo < 0.5 < hi and wilson(12, 12)[1] == 1.0


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_eval_coverage_runs_nightly_and_two_servers_and_reports_every_kind(settings, tmp_path):
    env = {**os.environ, **FAST_ENV, "MEMLORA_DISTILL__MIN_MENTIONS": "2"}
    out = tmp_path / "coverage.json"
    cmd = [sys.executable, str(REPO / "benchmarks" / "eval_coverage.py"), "--tenant", "omar.h", "--tenant", "lucas_m",
           "--examples", "6", "--prompts", "2", "--max-tokens", "8", "--home", str(tmp_path / "home"), "--json", str(out)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=880, cwd=tmp_path)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    doc = json.loads(out.read_text())["results"]
    assert doc["nightly"]["exit_code"] == 0, doc["nightly"]
    assert set(doc["per_kind"]) == set(KINDS)
    assert "per kind" in r.stdout and all(k in r.stdout for k in KINDS)
    labelled = {(x["tenant"], x["kind"]) for x in doc["selection"]}
    assert {("omar.h", "closing"), ("omar.h", "avoid"), ("lucas_m", "language"), ("lucas_m", "free")} <= labelled
    rows = [x for x in doc["items"] if x["selected"]]
    assert {x["tenant"] for x in rows} == {"omar.h", "lucas_m"}
    for x in rows:
        for s in ("served", "adapter", "prompted", "base"):
            assert len(x["answers"][s]) == len(x["prompts"]) and not any(a.startswith("[error") for a in x["answers"][s]), x
            assert 0.0 <= x["compliance"][s] <= 1.0
    assert doc["summary"]["selected_items"] == len(rows) and doc["summary"]["cross_tenant_leaks"] >= 0
    assert {"not_expressible_by_base", "fact_recall_served", "served_follow_rate_expressible"} <= set(doc["summary"])
