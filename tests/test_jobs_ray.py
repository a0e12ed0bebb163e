"""The Ray executor (a local Ray on CPU, one task per tenant, num_cpus=1) gives the local executor's result."""
from __future__ import annotations

import pytest
from jobs_helpers import FAST_ENV, TENANTS, quiet_console, write_memory

from memlora.errors import EXIT_OK
from memlora.settings import Settings, reset_settings

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.timeout(1500), pytest.mark.slow]


def test_ray_executor_matches_local(settings, monkeypatch, tmp_path):
    from memlora.jobs.nightly import JobOptions, run_nightly
    from memlora.registry.store import AdapterRegistry

    for k, v in FAST_ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("MEMLORA_JOBS__CPUS_PER_TASK", "1")
    mem = write_memory(tmp_path / "memory.jsonl")
    results = {}
    for executor in ("local", "ray"):
        monkeypatch.setenv("MEMLORA_HOME", str(tmp_path / executor))
        reset_settings()
        s = Settings()
        r = run_nightly(s, JobOptions(memory=mem, executor=executor), console=quiet_console())
        assert r.exit_code == EXIT_OK, r.summary["rows"]
        reg = AdapterRegistry(s)
        results[executor] = {
            "outcomes": sorted((o.tenant, o.status, o.examples, o.version, o.champion_changed) for o in r.outcomes),
            "versions": {t: [v.version for v in reg.versions(t)] for t in reg.tenants()},
            "champions": reg.champions(),
            "profiles": {t: v[0].profile_hash for t in reg.tenants() for v in [reg.versions(t)]},
        }
        if executor == "ray":  # the same checkpoints and index: a second night (local) trains nothing
            again = run_nightly(s, JobOptions(memory=mem, executor="local"), console=quiet_console())
            assert again.outcomes == [] and {p.reason for p in again.plans} == {"unchanged"}
    assert results["ray"] == results["local"]
    assert [t for t, *_ in results["ray"]["outcomes"]] == list(TENANTS)
    assert not ray.is_initialized()  # the job shut down the Ray it started
