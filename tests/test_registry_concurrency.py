"""Two processes registering different tenants at once on one fresh embedded SQLite store both succeed."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from memlora.registry.store import AdapterRegistry
from registry_fixtures import make_adapter

CHILD = r"""
import sys, time
from pathlib import Path
from memlora.settings import Settings
from memlora.registry.store import AdapterRegistry
tenant, adapter, sync = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
(sync / f"ready-{len(list(sync.iterdir()))}-{time.time_ns()}").touch()
while not (sync / "go").exists():
    time.sleep(0.01)
reg = AdapterRegistry(Settings())  # fresh store: both race on schema creation and on the experiment
for _ in range(3):
    v = reg.register(tenant, adapter)
print("OK", tenant, v.version, v.champion)
"""


@pytest.mark.timeout(400)
def test_two_processes_register_different_tenants_at_once(settings, tiny_base, tmp_path):
    tenants = ["proc/one", "proc two é"]
    adapters = [make_adapter(tiny_base, tmp_path, t) for t in tenants]
    sync = tmp_path / "sync"
    sync.mkdir()
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, t, str(a), str(sync)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for t, a in zip(tenants, adapters)]
    deadline = time.time() + 300
    while len([p for p in sync.iterdir() if p.name.startswith("ready")]) < 2 and time.time() < deadline:
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.05)
    (sync / "go").touch()
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-3000:]
        assert "OK" in out
    reg = AdapterRegistry(settings)
    assert reg.champions() == {tenants[0]: 3, tenants[1]: 3}
    assert all(len(reg.versions(t)) == 3 for t in tenants)
