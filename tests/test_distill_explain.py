"""`memlora profile`: what consolidation selected, superseded and dropped per tenant, and why, without a model."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from memlora.cli import main
from memlora.settings import reset_settings



def _rec(rid, tenant, text, day, session, **kw):
    from datetime import datetime, timedelta, timezone

    t = datetime(2026, 6, 1, tzinfo=timezone.utc) + timedelta(days=day)
    return {"id": rid, "tenant": tenant, "text": text, "created_at": t.isoformat(), "source": session, **kw}


MEMORY = [
    _rec("a1", "ana", "Ana's cat is named Miso.", -10, "s1"),
    _rec("a2", "ana", "Ana has a cat called Miso.", -6, "s2"),
    _rec("a3", "ana", "Miso is the name of Ana's cat.", -2, "s3"),
    _rec("a4", "ana", "Ana likes replies to end with 'Cheers'.", -100, "s4"),
    _rec("a5", "ana", "End messages to Ana with the sign-off 'Cheers'.", -95, "s5"),
    _rec("a6", "ana", "From now on Ana wants replies to end with 'Ciao!'.", -5, "s6"),
    _rec("a7", "ana", "Sign off messages to Ana with 'Ciao!'.", -1, "s7"),
    _rec("a8", "ana", "Ana is planning a weekend trip to Oslo.", -3, "s3"),
    _rec("a9", "ana", "Ana wants answers under 40 words.", -400, "s8"),
    _rec("a10", "ana", "Keep replies to Ana short: at most 40 words.", -390, "s9"),
    _rec("b1", "bo", "Bo lives in Porto.", -4, "t1", org="acme"),
    _rec("b2", "bo", "Bo lives in Porto.", 0, "t2"),
    _rec("o1", "acme", "Never call our products 'cheap'; say 'affordable' instead.", -50, "handbook", kind="rule", scope="org"),
]


@pytest.fixture
def memory(tmp_path, monkeypatch) -> Path:
    for k in list(os.environ):
        if k.startswith("MEMLORA_"):
            monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("MEMLORA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MEMLORA_CONFIG", "")
    monkeypatch.setenv("MEMLORA_DISTILL__MIN_SCORE", "0.5")
    monkeypatch.setenv("MEMLORA_DISTILL__ORG_MEMBERS", '{"acme": ["bo"]}')  # membership is the operator's word
    reset_settings()
    p = tmp_path / "memory.jsonl"
    lines = [json.dumps(r) for r in MEMORY] + ['{"tenant": "ana", "text": ""}']
    p.write_text("\n".join(lines) + "\n")
    yield p
    reset_settings()


def _invoke(*args):
    reset_settings()
    return CliRunner().invoke(main, ["profile", *args], catch_exceptions=False)


def test_json_names_selected_superseded_and_dropped_items_with_reasons(memory):
    r = _invoke("--memory", str(memory), "--json")
    assert r.exit_code == 0, r.output
    tenants = json.loads(r.output)
    assert [t["tenant"] for t in tenants] == ["ana", "bo"]  # the org is not a tenant
    ana = tenants[0]
    assert ana["thresholds"]["min_score"] == 0.5 and ana["records"] == 10
    by_value = {str(i["value"]): i for i in ana["items"]}
    cat = by_value["Miso"]
    assert (cat["kind"], cat["slot"], cat["sessions"], cat["mentions"]) == ("fact", "cat", 3, 3)
    assert sorted(cat["record_ids"]) == ["a1", "a2", "a3"] and {x["text"] for x in cat["records"]} >= {"Ana has a cat called Miso."}
    assert "Miso" in cat["statement"] and "cat" in cat["probe"]["question"] and "3 sessions" in cat["reason"]
    assert by_value["Ciao!"]["kind"] == "closing"
    [old] = ana["superseded"]
    assert old["value"] == "Cheers" and old["superseded_by"] == by_value["Ciao!"]["id"] and "superseded by" in old["reason"]
    dropped = {d["record_ids"][0]: d for d in ana["dropped"]}
    assert set(dropped) == {"a8", "a9"}
    assert dropped["a8"]["missed"] == ["min_mentions=2 (mentioned in 1 session(s))"]
    assert dropped["a9"]["sessions"] == 2 and len(dropped["a9"]["missed"]) == 1 and dropped["a9"]["missed"][0].startswith("min_score=0.5")
    for d in ana["items"] + ana["superseded"] + ana["dropped"]:
        assert {"text", "kind", "value", "slot", "score", "mentions", "sessions", "record_ids", "reason"} <= set(d)
    assert "Miso" in ana["system_prompt"] and "Cheers" not in ana["system_prompt"]  # what the teacher is shown
    assert len(ana["rejected_lines"]) == 1 and "missing field 'text'" in ana["rejected_lines"][0]


def test_org_rules_are_shown_under_members_only(memory):
    tenants = {t["tenant"]: t for t in json.loads(_invoke("--memory", str(memory), "--json").output)}
    bo_rules = [i for i in tenants["bo"]["items"] if i["org"] == "acme"]
    assert len(bo_rules) == 1 and "org rule" in bo_rules[0]["reason"] and bo_rules[0]["record_ids"] == ["o1"]
    assert not any(i["org"] for i in tenants["ana"]["items"])


def test_table_and_tenant_filter(memory):
    r = _invoke("--memory", str(memory), "--tenant", "ana")
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.startswith("ana: 10 records, 2 selected, 1 superseded, 2 dropped")
    for s in ("selected", "superseded", "dropped", "fact:cat = Miso", "missed min_mentions=2", "missed min_score=0.5",
              "a8 s3 Ana is planning", "rejected line"):
        assert s in out, s
    assert "bo:" not in out


def test_bad_input_exits_2_with_one_line(memory, tmp_path):
    for args, expect in [
        (["--memory", str(tmp_path / "nope.jsonl")], "memory path does not exist"),
        (["--memory", str(memory), "--tenant", "zed"], "tenant 'zed' not in this memory (known: ana, bo)"),
        (["--memory", str(memory), "--tenant", "acme"], "'acme' is an org, not a tenant"),
    ]:
        r = CliRunner().invoke(main, ["profile", *args])
        assert r.exit_code == 2, (args, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("memlora: error: ") and expect in lines[0], lines


def test_no_model_is_loaded_and_it_answers_in_seconds(memory):
    """A subprocess, so modules other tests imported do not count: torch, transformers and PEFT (what loading a model
    needs, seconds of import) are never imported."""
    code = ("import sys; from memlora.cli import main\n"
            "try: main(['profile', '--memory', sys.argv[1], '--json'])\n"
            "except SystemExit as e: assert not e.code, e.code\n"
            "print(sorted(m for m in sys.modules if m in ('torch', 'transformers', 'peft')), file=sys.stderr)")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, str(memory)], capture_output=True, text=True, timeout=120, env=os.environ)
    took = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stderr.strip().splitlines()[-1] == "[]"
    assert len(json.loads(r.stdout)) == 2
    assert took < 30, took  # ~2 s here; generous for a loaded CI box
