"""Per-tenant checkpoints and the local change index, both plain JSON under `settings.state_dir`.

Why JSON files and not a database: the job must survive being killed at any
instant, and `os.replace` of a fully written temp file is atomic on POSIX, so a
reader sees the old or the new checkpoint, never half of one. One directory per
tenant lets Ray tasks on a shared volume write without contending.

Layout:
  state_dir/index.json                 tenant -> last registered (profile hash, base, config, budget, version)
  state_dir/profiles.json              last consolidation: digest of distill's inputs -> each tenant's profile hash
  state_dir/tenants/<key>/state.json   the tenant's current step (TenantState)
  state_dir/tenants/<key>/distill/     distill output (profile.json, dataset/, meta.json)
  state_dir/tenants/<key>/adapter/     the adapter being trained (deleted after registration)
  state_dir/tenants/<key>/rejects/<run_id>.jsonl   the tenant's rejected memory lines of that run
  state_dir/tenants/<key>/isolation/   its profile for other tenants' leak checks (during a run only)
  state_dir/runs/<run_id>/summary.json one file per job run; state_dir/last_summary.json
  state_dir/runs/<run_id>/rejects.jsonl  rejected lines that name no usable tenant
Everything derived from one tenant's memory is under tenants/<key>/ (memlora.tenant_data), so forget is one deletion.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from memlora.tenant_data import tenant_dir

# the order a tenant goes through; a restarted job resumes after the last one reached
STEPS = ("started", "distilled", "trained", "evaluated", "registering", "registered", "promoted", "done")


def atomic_write_json(path: Path, data: Any, compact: bool = False) -> None:
    """`compact`: one line, for large machine-read files (json's C encoder; indenting 10k entries takes ~1 s)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    text = json.dumps(data, sort_keys=True, default=str, **({"separators": (",", ":")} if compact else {"indent": 1}))
    with open(tmp, "w") as f:
        f.write(text)
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


KEPT_ON_RESTART = ("rejects", "isolation")  # written by the job run itself, not by this tenant's checkpointed steps


def clear_checkpoint(state_dir: Path, tenant: str) -> None:
    """A fresh start for the tenant's steps; its rejected lines and isolation profile stay (see KEPT_ON_RESTART)."""
    d = tenant_dir(state_dir, tenant)
    if not d.exists():
        return
    for p in d.iterdir():
        if p.name in KEPT_ON_RESTART:
            continue
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


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
        self.dirty = False  # a no-change night changes nothing and writes nothing

    def key(self, tenant: str) -> JobKey | None:
        return JobKey.from_dict(self.entries.get(tenant, {}).get("key"))

    def set(self, tenant: str, key: JobKey | dict, version: int | None, passed: bool | None) -> None:
        self.entries[tenant] = {
            "key": key.as_dict() if isinstance(key, JobKey) else key,
            "version": version,
            "passed": passed,
            "updated_at": time.time(),
        }
        self.dirty = True

    def drop(self, tenant: str) -> None:
        if self.entries.pop(tenant, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.dirty or not self.path.exists():
            atomic_write_json(self.path, {"tenants": self.entries}, compact=True)
            self.dirty = False


class ProfileCache:
    """Last consolidation's result, keyed by the digest of everything it read (distill.digest.ProfileInputs).

    When tonight's export, distill settings and distill code digest the same, `build_profiles` would
    return the same profiles, so the plan can use these hashes and a no-change night skips consolidation.
    The digest covers the whole run, not one tenant, because consolidation is corpus-wide (one TF-IDF fit,
    scores aged from the run's newest record): any change rebuilds every profile, as before this cache.
    Per-tenant memory digests are kept only to report whose memory changed. Like the index, it is a cache:
    missing or unreadable means one full consolidation.
    """

    VERSION = 1

    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / "profiles.json"
        data = read_json(self.path, {})
        ok = isinstance(data, dict) and data.get("version") == self.VERSION and isinstance(data.get("profiles"), dict)
        self.data: dict = data if ok else {}

    @property
    def inputs(self) -> str | None:
        return self.data.get("inputs")

    @property
    def context(self) -> str | None:
        return self.data.get("context")

    @property
    def memory(self) -> dict[str, str]:
        return self.data.get("memory", {}) or {}

    def lookup(self, inputs_digest: str) -> dict[str, dict] | None:
        """tenant -> {"profile_hash", "items", "probe"} when the inputs are the same as last time, else None."""
        if not self.data or self.data.get("inputs") != inputs_digest:
            return None
        out = {}
        for t, e in self.data["profiles"].items():
            if not isinstance(e, dict) or not isinstance(e.get("profile_hash"), str):
                return None
            out[t] = {"profile_hash": e["profile_hash"], "items": int(e.get("items", 0)), "probe": bool(e.get("probe"))}
        return out

    def changed(self, tenants: dict[str, str]) -> list[str]:
        """Record owners whose memory digest differs from the cached one (new and vanished ones included)."""
        old = self.memory
        return sorted(t for t in set(old) | set(tenants) if old.get(t) != tenants.get(t))

    def save(self, inputs, profiles: dict[str, dict]) -> None:
        """`inputs`: distill.digest.ProfileInputs; `profiles`: tenant -> {"profile_hash", "items", "probe"}."""
        self.data = {"version": self.VERSION, "inputs": inputs.digest, "context": inputs.context,
                     "memory": dict(inputs.tenants), "profiles": profiles, "updated_at": time.time()}
        atomic_write_json(self.path, self.data, compact=True)
