"""Which tenants to train tonight, and why.

A tenant is trained when what its adapter would be trained from, the JobKey
(profile hash, base fingerprint, training-config hash, example budget), differs
from the key of its latest registered version, champion or not: a tenant whose
last version failed its gate is not retried every night unless something changed.
The keys come from the local index; only tenants missing from it cost a look at
their state file (and, when given, one registry lookup), so a no-change night
over 10k tenants reads one JSON file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .state import Index, JobKey, load_state


@dataclass
class TenantPlan:
    tenant: str
    action: str  # "train" | "resume" | "skip"
    reason: str
    key: JobKey
    resume_after: str | None = None

    @property
    def runs(self) -> bool:
        return self.action != "skip"


def _diff(old: JobKey, new: JobKey) -> list[str]:
    why = []
    if old.profile_hash != new.profile_hash:
        why.append(f"memory changed (profile {old.profile_hash[:8]} -> {new.profile_hash[:8]})")
    if old.base_fingerprint != new.base_fingerprint:
        why.append(f"base model changed ({old.base_fingerprint[:8]} -> {new.base_fingerprint[:8]})")
    if old.config_hash != new.config_hash:
        why.append(f"training config changed ({old.config_hash[:8]} -> {new.config_hash[:8]})")
    if old.examples != new.examples:
        why.append(f"example budget changed ({old.examples} -> {new.examples})")
    return why


def plan_tenants(
    profile_hashes: dict[str, str],
    base_fingerprint: str,
    config_hash: str,
    examples: int,
    state_dir: Path,
    index: Index | None = None,
    force: bool = False,
    selected: Iterable[str] | None = None,
    registry_key: Callable[[str], JobKey | None] | None = None,
) -> list[TenantPlan]:
    """One TenantPlan per tenant in `profile_hashes` (or in `selected`), sorted by tenant.

    `registry_key(tenant)` is asked only for tenants the index and state files do not know
    (a fresh state volume over an existing registry); index entries it or the state files
    recover are written back into `index` (the caller saves it).
    """
    index = index if index is not None else Index(state_dir)
    names = sorted(profile_hashes) if selected is None else sorted(set(selected))
    plans = []
    for tenant in names:
        key = JobKey(profile_hashes[tenant], base_fingerprint, config_hash, int(examples))
        last = index.key(tenant)
        if last == key and not force:
            plans.append(TenantPlan(tenant, "skip", "unchanged", key))
            continue
        st = load_state(state_dir, tenant)
        if st is not None and JobKey.from_dict(st.key) == key:
            if st.step == "done":
                if last is None and not force:
                    index.set(tenant, key, st.version, st.passed)
                    plans.append(TenantPlan(tenant, "skip", "unchanged", key))
                    continue
            elif st.step != "started" or st.attempts:
                plans.append(TenantPlan(tenant, "resume", f"resuming an interrupted run after step '{st.step}'", key, st.step))
                continue
        if force:
            plans.append(TenantPlan(tenant, "train", "forced", key))
            continue
        if last is None and registry_key is not None:
            last = registry_key(tenant)
            if last == key:
                index.set(tenant, key, None, None)
                plans.append(TenantPlan(tenant, "skip", "unchanged (registry)", key))
                continue
        if last is None:
            plans.append(TenantPlan(tenant, "train", "new tenant", key))
        else:
            plans.append(TenantPlan(tenant, "train", "; ".join(_diff(last, key)) or "changed", key))
    return plans
