"""The nightly's cross-tenant distill step (`jobs.tenant.distill_group`, used by the local executor when
`jobs.teacher_group_size` > 1): each tenant ends at its own "distilled" checkpoint with the set it would
have written alone (greedy teacher), and a failing group leaves its tenants to distill alone."""
from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tasks(settings, n_examples: int):
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.jobs.tenant import TenantTask

    profiles = build_profiles(load_memory(REPO / "examples" / "memory.jsonl").records, settings)
    names = sorted(t for t, p in profiles.items() if p.items)[:2]
    return [TenantTask(t, {"profile_hash": profiles[t].profile_hash}, profiles[t], n_examples) for t in names]


def test_a_group_distills_each_tenant_as_alone_and_a_failed_group_writes_nothing(settings, tiny_base, tmp_path, monkeypatch):
    from memlora.distill import synthesize
    from memlora.jobs.state import load_state
    from memlora.jobs.tenant import _Paths, distill_group
    from memlora.tenant_data import profile_path

    ds = settings.distill.model_copy(update={"best_of": 1, "topup_rounds": 0})
    s = settings.model_copy(update={"distill": ds})
    tasks = _tasks(s, 10)
    assert distill_group(tasks, s, tiny_base) == [t.tenant for t in tasks]
    for t in tasks:
        st = load_state(s.state_dir, t.tenant)
        assert st.step == "distilled" and st.key == t.key and st.n_examples and st.stage_seconds["distill"] > 0
        assert t.predistilled
        newest = json.loads(profile_path(s.state_dir, t.tenant).read_text())  # where the server looks for added items
        assert newest["profile_hash"] == t.profile.profile_hash
        meta = json.loads((_Paths.of(s, t.tenant).data / "meta.json").read_text())
        alone = synthesize.synthesize_tenant(t.profile, tiny_base, s, tmp_path / t.tenant, n_examples=10, show_progress=False)
        assert meta["dataset_hash"] == alone["dataset_hash"]
    # already distilled tonight: nothing to group again
    assert distill_group(tasks, s, tiny_base) == []

    def boom(*a, **k):
        raise RuntimeError("teacher down")

    fresh = _tasks(s.model_copy(update={"home": tmp_path / "home2"}), 10)
    s2 = s.model_copy(update={"home": tmp_path / "home2"})
    monkeypatch.setattr(synthesize, "synthesize_tenants", boom)
    assert distill_group(fresh, s2, tiny_base) == []
    for t in fresh:
        assert load_state(s2.state_dir, t.tenant) is None and not t.predistilled
        assert not _Paths.of(s2, t.tenant).distill_root.exists()
