"""The nightly's multi-node setup on one machine: two Ray workers, each with its own MEMLORA_HOME (as two nodes
would have), write adapters through one real `mlflow server`, and a third home (the server that serves them)
resolves both, bytes intact. What this checks is the README's recipe: the tracking URI travels in the settings,
artifacts go through the server (no worker needs the others' disks), and nothing lands in a worker's home that
another one needs.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import mlflow_server
from serving_fixtures import write_peft_adapter

from memlora.settings import Settings

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
TESTS = Path(__file__).resolve().parent


def _register_on_a_node(settings_dump: dict, tenant: str, adapter_dir: str) -> dict:
    from memlora.registry.store import AdapterRegistry

    s = Settings(**settings_dump)
    info = AdapterRegistry(s).register(tenant, Path(adapter_dir))
    return {"pid": os.getpid(), "version": int(info.version), "home": str(s.home)}


def _digest(d: Path) -> str:
    return hashlib.sha256((d / "adapter_model.safetensors").read_bytes()).hexdigest()


def test_two_ray_workers_with_their_own_homes_register_through_one_mlflow_server(tiny_base, tmp_path):
    server = mlflow_server.start(tmp_path / "mlflow")
    try:
        adapters = {t: write_peft_adapter(tiny_base.model, tmp_path / "made" / t, seed=i, base_fingerprint=tiny_base.fingerprint, tenant=t)
                    for i, t in enumerate(("ann", "ben"))}
        # the task function lives in this test module: workers import it from tests/, as they would memlora's
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(TESTS)}})
        try:
            task = ray.remote(num_cpus=1, max_retries=0)(_register_on_a_node)
            refs = [task.remote(Settings(home=tmp_path / f"node{i}", registry={"tracking_uri": server.url}).model_dump(mode="json"), t, str(d))
                    for i, (t, d) in enumerate(adapters.items())]
            done = ray.get(refs, timeout=180)
        finally:
            ray.shutdown()
        assert len({d["pid"] for d in done}) == 2, "both registrations ran in one worker process"
        assert [Path(d["home"]).name for d in done] == ["node0", "node1"]
        assert not any((tmp_path / f"node{i}" / "mlflow").exists() for i in range(2)), "a worker wrote a local store"

        from memlora.registry.store import AdapterRegistry

        serving = AdapterRegistry(Settings(home=tmp_path / "server-node", registry={"tracking_uri": server.url}))
        assert set(serving.champions()) == {"ann", "ben"}
        for t, d in adapters.items():
            got = serving.resolve(t, tiny_base.fingerprint)
            assert got is not None and _digest(got.path) == _digest(d), t
    finally:
        mlflow_server.stop(server)
