"""`memlora distill` isolates a tenant that fails, as the nightly does: it is reported, the others are distilled."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from jobs_helpers import RECORDS, fast_job_settings, write_memory

from memlora.errors import EXIT_PARTIAL
from memlora.keys import tenant_key


@pytest.mark.timeout(300)
def test_a_tenant_id_that_cannot_become_a_path_fails_alone(settings, monkeypatch, tmp_path):
    from memlora.cli import main

    fast_job_settings(monkeypatch)
    bad = "a" * 300  # sorts first: the tenants after it must still be distilled
    mem = write_memory(tmp_path / "memory.jsonl", records=[r for r in RECORDS if r["tenant"] in ("pat", "vera")], extra=[
        {"id": "a1", "tenant": bad, "text": "My dog is called Rex.", "created_at": "2026-04-02T16:00:00Z", "source": "s-a1", "kind": "fact"}])
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["distill", "--memory", str(mem), "--out", str(out), "--examples", "4"])
    assert res.exit_code == EXIT_PARTIAL, res.output
    assert "too long" in res.output and "Traceback" not in res.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["failed"] == [bad] and "too long" in summary["tenants"][bad]["reason"]
    for t in ("pat", "vera"):
        assert summary["tenants"][t]["status"] == "ok" and (out / tenant_key(t) / "dataset").is_dir()
