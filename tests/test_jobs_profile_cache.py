"""The profile cache: a no-change night skips consolidation and plans exactly what a full consolidation would;
any change to what consolidation reads (a record, an org rule, a forget, distill settings) rebuilds.

No training here: the index is seeded as a successful night leaves it, and where a tenant would train the
executor is replaced by one that records the tasks it was given.
"""
from __future__ import annotations

import json
import random

import pytest
from jobs_helpers import fast_job_settings, RECORDS, quiet_console, said, write_memory

from memlora.settings import Settings, reset_settings

pytestmark = pytest.mark.timeout(300)

ORG_RULE = {"id": "o1", "tenant": "acme", "text": "Never recommend competitor products.", "scope": "org", "kind": "rule",
            "created_at": "2026-02-01T09:00:00Z", "source": "policy"}
# bob and pat claim acme in their records; only configuration (`distill.org_members`) makes them members
MEMBERS = [dict(r, org="acme") if r["tenant"] in ("bob@example.com", "pat") else r for r in RECORDS]
ACME = {"acme": ["bob@example.com", "pat"]}


@pytest.fixture
def job(settings, monkeypatch):
    return fast_job_settings(monkeypatch)


@pytest.fixture
def builds(monkeypatch):
    """Counts build_profiles calls (the consolidation the cache exists to skip)."""
    import memlora.distill.profile as profile

    calls = []
    real = profile.build_profiles

    def counting(records, settings, **kw):
        calls.append(len(records))
        return real(records, settings, **kw)

    monkeypatch.setattr(profile, "build_profiles", counting)
    return calls


@pytest.fixture
def trained(monkeypatch):
    """Replaces the executor: records which tenants would train, with the profile each was given."""
    import memlora.jobs.nightly as nightly_mod

    got = []

    def fake_execute(executor, tasks, settings, console):
        got.append({t.tenant: t.profile for t in tasks})
        return []

    monkeypatch.setattr(nightly_mod, "_execute", fake_execute)
    return got


def nightly(settings, memory, **kw):
    from memlora.jobs.nightly import JobOptions, run_nightly

    con = kw.pop("console", None) or quiet_console()
    return run_nightly(settings, JobOptions(memory=memory, **kw), console=con)


def seed_index(s, memory):
    """The index a successful night leaves: every tenant registered with tonight's key."""
    from memlora.runtime.base import fingerprint, resolve_model_path
    from memlora.adapters.manifest import training_config_hash
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.jobs.nightly import budget
    from memlora.jobs.state import Index, JobKey

    fp = fingerprint(resolve_model_path(s, pull=False), s.home / "cache" / "fingerprints.json")
    idx = Index(s.state_dir)
    for t, p in build_profiles(load_memory(memory).records, s).items():
        idx.set(t, JobKey(p.profile_hash, fp, training_config_hash(s), budget(s, None)), 1, True)
    idx.save()


def plan_rows(report):
    return [(p.tenant, p.action, p.reason, p.key) for p in report.plans]


def fresh_hashes(s, memory) -> dict[str, str]:
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory

    return {t: p.profile_hash for t, p in build_profiles(load_memory(memory).records, s).items()}


def test_a_no_change_night_skips_consolidation_and_plans_what_a_full_one_would(job, tmp_path, builds):
    mem = write_memory(tmp_path / "memory.jsonl", records=[ORG_RULE, *MEMBERS])
    seed_index(job, mem)
    builds.clear()

    r1 = nightly(job, mem)
    assert builds == [len(MEMBERS) + 1] and r1.outcomes == []
    assert r1.summary["profiles"]["source"] == "built" and r1.summary["profiles"]["why"] == "no profile cache yet"
    assert r1.summary["counts"]["profiles_built"] == 3 and r1.summary["counts"]["unchanged"] == 3
    assert (job.state_dir / "profiles.json").exists()

    con = quiet_console()
    r2 = nightly(job, mem, console=con)
    assert builds == [len(MEMBERS) + 1]  # not called again
    assert r2.summary["profiles"]["source"] == "cache" and r2.summary["counts"]["profiles_built"] == 0
    assert plan_rows(r2) == plan_rows(r1) and {p.reason for p in r2.plans} == {"unchanged"}
    assert "consolidation skipped" in said(con) and "nothing changed" in said(con)

    # the same export in another order is the same memory
    shuffled = [ORG_RULE, *MEMBERS]
    random.Random(1).shuffle(shuffled)
    r3 = nightly(job, write_memory(tmp_path / "shuffled.jsonl", records=shuffled))
    assert builds == [len(MEMBERS) + 1] and plan_rows(r3) == plan_rows(r1)

    # the cached hashes are the ones a full consolidation gives: a forced dry run rebuilds and plans the same keys
    forced = nightly(job, mem, force=True, dry_run=True)
    assert len(builds) == 2 and {p.action for p in forced.plans} == {"train"} and {p.reason for p in forced.plans} == {"forced"}
    assert [p.key for p in forced.plans] == [p.key for p in r2.plans]
    assert {t: p.key.profile_hash for t, p in ((p.tenant, p) for p in r2.plans)} == fresh_hashes(job, mem)


def test_one_changed_record_retrains_only_that_tenant(job, tmp_path, builds, trained):
    mem = write_memory(tmp_path / "memory.jsonl")
    seed_index(job, mem)
    nightly(job, mem)
    builds.clear()

    changed = write_memory(tmp_path / "changed.jsonl", extra=[{
        "id": "v3", "tenant": "vera", "text": "Vera's favourite colour is green.", "created_at": "2026-05-01T10:00:00Z",
        "source": "s-v3", "kind": "fact"}])
    dry = nightly(job, changed, dry_run=True)
    assert len(builds) == 1  # memory changed: consolidation runs (it is corpus-wide, so for every tenant)
    assert [(p.tenant, p.action) for p in dry.plans if p.runs] == [("vera", "train")]
    assert "memory changed" in next(p.reason for p in dry.plans if p.tenant == "vera")

    r = nightly(job, changed)
    assert len(builds) == 2 and r.summary["profiles"]["why"] == "memory changed for 1 tenant(s)"
    assert r.summary["profiles"]["memory_changed"] == 1
    assert list(trained[-1]) == ["vera"]
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory

    want = build_profiles(load_memory(changed).records, job)["vera"]
    assert trained[-1]["vera"].as_dict() == want.as_dict()

    # vera did not register (the executor is a stand-in), so she trains again; the cache answers the plan and
    # the full profiles are built only because she trains
    builds.clear()
    again = nightly(job, changed)
    assert again.summary["profiles"]["source"] == "cache" and "built for the tenants that train" in again.summary["profiles"]["why"]
    assert len(builds) == 1 and list(trained[-1]) == ["vera"]
    assert trained[-1]["vera"].as_dict() == want.as_dict()


def test_an_org_rule_change_rebuilds_every_member(job, tmp_path, builds):
    from memlora.distill.digest import profile_inputs
    from memlora.distill.records import load_memory

    job = job.model_copy(update={"distill": job.distill.model_copy(update={"org_members": ACME})})
    mem = write_memory(tmp_path / "memory.jsonl", records=[ORG_RULE, *MEMBERS])
    seed_index(job, mem)
    nightly(job, mem)
    builds.clear()

    rule2 = dict(ORG_RULE, text="Never recommend competitor products or services.")
    changed = write_memory(tmp_path / "changed.jsonl", records=[rule2, *MEMBERS])
    before, after = (profile_inputs(load_memory(m).records, job) for m in (mem, changed))
    assert [t for t in after.tenants if after.tenants[t] != before.tenants[t]] == ["acme"]
    assert after.digest != before.digest

    dry = nightly(job, changed, dry_run=True)
    assert len(builds) == 1
    assert sorted(p.tenant for p in dry.plans if p.runs) == ["bob@example.com", "pat"]
    assert all("memory changed" in p.reason for p in dry.plans if p.runs)
    assert next(p for p in dry.plans if p.tenant == "vera").action == "skip"

    # vera joins acme by configuration
    builds.clear()
    configured = job.model_copy(update={"distill": job.distill.model_copy(update={"org_members": {"acme": [*ACME["acme"], "vera"]}})})
    joined = nightly(configured, mem, dry_run=True)
    assert len(builds) == 1 and [p.tenant for p in joined.plans if p.runs] == ["vera"]


def test_a_forget_record_invalidates(job, tmp_path, builds, trained):
    mem = write_memory(tmp_path / "memory.jsonl")
    seed_index(job, mem)
    nightly(job, mem)
    builds.clear()

    # forgets pat's first record (p1), keeps the later two: consolidation reads other records -> rebuilt
    partial = write_memory(tmp_path / "partial.jsonl", extra=[{"tenant": "pat", "forget": True, "created_at": "2026-04-05T00:00:00Z"}])
    r = nightly(job, partial)
    assert len(builds) == 1 and r.summary["profiles"]["source"] == "built"
    assert [f["tenant"] for f in r.forgotten] == ["pat"]
    assert list(trained[-1]) == ["pat"]  # its adapters were deleted; what remains of its memory trains again
    assert [it.id for it in trained[-1]["pat"].items] == [it.id for it in
                                                         _profiles(job, partial)["pat"].items]
    assert all("p1" not in it.record_ids for it in trained[-1]["pat"].items)


def _profiles(s, memory):
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory

    return build_profiles(load_memory(memory).records, s)


def test_a_forget_record_that_removes_nothing_still_forgets_and_retrains(job, tmp_path, builds, trained):
    mem = write_memory(tmp_path / "memory.jsonl")
    seed_index(job, mem)
    nightly(job, mem)
    builds.clear()

    # older than all of pat's records: consolidation reads exactly the same records (cache valid), but the
    # forget itself is applied (ledger), and the forgotten tenant trains again from its full profile
    early = write_memory(tmp_path / "early.jsonl", extra=[{"tenant": "pat", "forget": True, "created_at": "2026-01-01T00:00:00Z"}])
    r = nightly(job, early)
    assert [f["tenant"] for f in r.forgotten] == ["pat"]
    assert r.summary["profiles"]["source"] == "cache" and len(builds) == 1  # built only because pat trains
    assert list(trained[-1]) == ["pat"]
    assert trained[-1]["pat"].as_dict() == _profiles(job, mem)["pat"].as_dict()


def test_distill_settings_invalidate_generation_settings_do_not(job, tmp_path, builds, monkeypatch):
    mem = write_memory(tmp_path / "memory.jsonl")
    seed_index(job, mem)
    nightly(job, mem)
    builds.clear()

    monkeypatch.setenv("MEMLORA_DISTILL__MAX_NEW_TOKENS", "9")  # generation only: profiles cannot change
    reset_settings()
    r = nightly(Settings(), mem)
    assert builds == [] and r.summary["profiles"]["source"] == "cache"

    monkeypatch.setenv("MEMLORA_DISTILL__HALF_LIFE_DAYS", "30")  # scores change, profile hashes do not
    reset_settings()
    r = nightly(Settings(), mem)
    assert len(builds) == 1 and r.summary["profiles"]["why"] == "distill settings or code changed"
    assert {p.reason for p in r.plans} == {"unchanged"} and r.outcomes == []
    r = nightly(Settings(), mem)
    assert len(builds) == 1 and r.summary["profiles"]["source"] == "cache"

    monkeypatch.setenv("MEMLORA_DISTILL__SIMILARITY_THRESHOLD", "0.9")
    reset_settings()
    nightly(Settings(), mem, dry_run=True)
    assert len(builds) == 2


def test_a_vanished_tenant_is_reported_and_a_damaged_cache_means_one_full_consolidation(job, tmp_path, builds):
    mem = write_memory(tmp_path / "memory.jsonl")
    seed_index(job, mem)
    nightly(job, mem)
    builds.clear()

    no_vera = write_memory(tmp_path / "no_vera.jsonl", records=[r for r in RECORDS if r["tenant"] != "vera"])
    r = nightly(job, no_vera, accept_vanished=True)
    assert len(builds) == 1 and r.vanished == ["vera"] and r.outcomes == []
    assert any(row["tenant"] == "vera" and row["action"] == "missing from export (kept)" for row in r.summary["rows"])

    r = nightly(job, mem)  # vera is back: her memory "changed" relative to the cache
    assert len(builds) == 2 and r.summary["profiles"]["memory_changed"] == 1 and r.outcomes == []

    (job.state_dir / "profiles.json").write_text("{truncated")
    r = nightly(job, mem)
    assert len(builds) == 3 and r.summary["profiles"]["why"] == "no profile cache yet"
    assert json.loads((job.state_dir / "profiles.json").read_text())["inputs"]
    r = nightly(job, mem)
    assert len(builds) == 3 and r.summary["profiles"]["source"] == "cache"


def test_profile_inputs_digest_what_consolidation_reads(settings):
    from dataclasses import replace
    from datetime import datetime, timezone

    from memlora.distill.digest import profile_inputs
    from memlora.distill.records import Record

    t = datetime(2026, 3, 1, tzinfo=timezone.utc)
    recs = [Record("a1", "ann", "Ann likes tea.", t, "s1", "preference"), Record("a2", "ann", "Ann lives in Oslo.", t, "s2", "fact"),
            Record("b1", "ben", "Ben is vegan.", t, "s3", "preference", "user", "acme")]
    base = profile_inputs(recs, settings)
    assert profile_inputs(list(reversed(recs)), settings) == base
    for change in ({"text": "Ann likes coffee."}, {"created_at": None}, {"source": "s9"}, {"kind": "fact"},
                   {"scope": "org"}, {"id": "a9"}):
        other = profile_inputs([replace(recs[0], **change), *recs[1:]], settings)
        assert other.tenants["ann"] != base.tenants["ann"] and other.tenants["ben"] == base.tenants["ben"], change
        assert other.digest != base.digest
    # not read by consolidation: where the line came from, free-form metadata, the org a record claims
    assert profile_inputs([replace(recs[0], file="x.jsonl", line=7, metadata={"k": 1}, org="acme"), *recs[1:]], settings) == base
    assert profile_inputs(recs[:2], settings).digest != base.digest  # a tenant vanishing changes the run
    s2 = settings.model_copy(update={"distill": settings.distill.model_copy(update={"min_mentions": 3})})
    assert profile_inputs(recs, s2).context != base.context and profile_inputs(recs, s2).tenants == base.tenants
