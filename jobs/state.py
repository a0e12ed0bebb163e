"""Per-tenant checkpoints and the local change index, both plain JSON under `settings.state_dir`.

Why JSON files and not a database: the job must survive being killed at any
instant, and `os.replace` of a fully written temp file is atomic on POSIX, so a
reader sees the old or the new checkpoint, never half of one. One directory per
tenant lets Ray tasks on a shared volume write without contending.

Layout:
  state_dir/index.json                 tenant -> last registered (profile hash, base, config, budget, version)
  state_dir/tenants/<key>/state.json   the tenant's current step (TenantState)
  state_dir/tenants/<key>/distill/     distill output (profile.json, dataset/, meta.json)
  state_dir/tenants/<key>/adapter/     the adapter being trained (deleted after registration)
  state_dir/runs/<run_id>/summary.json one file per job run; state_dir/last_summary.json
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from memlora.keys import tenant_key

# the order a tenant goes through; a restarted job resumes after the last one reached
STEPS = ("started", "distilled", "trained", "evaluated", "registering", "registered", "promoted", "done")


def atomic_write_json(path: Path, data: Any) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True, default=str)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: Path, default: Any = None) -> Any:
    try:
        return json.loads(Path(path).read_text())
    except FileNotFoundError:
        return default
    except (OSError, ValueError):
        return default


@dataclass(frozen=True)
class JobKey:
    """What an adapter was trained from; a tenant is retrained when any part differs."""

    profile_hash: str
    base_fingerprint: str
    config_hash: str
    examples: int

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict | None) -> "JobKey | None":
        if not d:
            return None
        try:
            return cls(str(d["profile_hash"]), str(d["base_fingerprint"]), str(d["config_hash"]), int(d["examples"]))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass
class TenantState:
    tenant: str
    key: dict
    step: str = "started"
    token: str = ""
    version: int | None = None
    run_id: str | None = None
    passed: bool | None = None
    reasons: list[str] = field(default_factory=list)
    n_examples: int | None = None
    train_metrics: dict = field(default_factory=dict)
    gate_metrics: dict = field(default_factory=dict)
    stage_seconds: dict = field(default_factory=dict)
    champion_changed: bool = False
    error: str | None = None
    attempts: int = 0
    updated_at: float = 0.0

    def reached(self, step: str) -> bool:
        return STEPS.index(self.step) >= STEPS.index(step)


def tenant_dir(state_dir: Path, tenant: str) -> Path:
    return Path(state_dir) / "tenants" / tenant_key(tenant)


def load_state(state_dir: Path, tenant: str) -> TenantState | None:
    d = read_json(tenant_dir(state_dir, tenant) / "state.json")
    if not isinstance(d, dict) or d.get("step") not in STEPS:
        return None
    known = TenantState.__dataclass_fields__
    return TenantState(**{k: v for k, v in d.items() if k in known})


def save_state(state_dir: Path, st: TenantState, step: str | None = None) -> TenantState:
    if step:
        st.step = step
    st.updated_at = time.time()
    atomic_write_json(tenant_dir(state_dir, st.tenant) / "state.json", asdict(st))
    return st


def clear_tenant(state_dir: Path, tenant: str) -> None:
    shutil.rmtree(tenant_dir(state_dir, tenant), ignore_errors=True)


class Index:
    """tenant -> what its latest registered version was trained from (champion or not).

    It lets a no-change night decide without asking MLflow about every tenant.
    It is a cache: the tenants' `state.json` files and the registry are the truth,
    and a missing or corrupt index is rebuilt from them.
    """

    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / "index.json"
        data = read_json(self.path, {})
        self.entries: dict[str, dict] = data.get("tenants", {}) if isinstance(data, dict) else {}

    def key(self, tenant: str) -> JobKey | None:
        return JobKey.from_dict(self.entries.get(tenant, {}).get("key"))

    def set(self, tenant: str, key: JobKey | dict, version: int | None, passed: bool | None) -> None:
        self.entries[tenant] = {
            "key": key.as_dict() if isinstance(key, JobKey) else key,
            "version": version,
            "passed": passed,
            "updated_at": time.time(),
        }

    def drop(self, tenant: str) -> None:
        self.entries.pop(tenant, None)

    def save(self) -> None:
        atomic_write_json(self.path, {"tenants": self.entries})
