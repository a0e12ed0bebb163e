"""The nightly job: memory export in, changed tenants retrained, fleet told, outcome recorded.

Order matters for safety: the export is read and checked (mass-vanish stop)
before anything is deleted or trained, deletions happen only for explicit
forget records or a forget list, and every tenant's work is checkpointed
(tenant.py) so the job can be killed and simply started again.
"""
from __future__ import annotations

import bisect
import hashlib
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from memlora.runtime.base import fingerprint, resolve_model_path
from memlora.adapters.manifest import training_config_hash
from memlora.distill.digest import profile_inputs
from memlora.distill import profile as distill_profile
from memlora.distill.records import load_memory, write_rejects
from memlora.errors import EXIT_OK, EXIT_PARTIAL, JobError, MemloraError
from memlora.keys import tenant_key
from memlora.pseudonym import tenant_ref
from memlora.registry.store import AdapterRegistry
from memlora.settings import Settings
from memlora.tenant_data import erase_local, isolation_dir, reject_tenant, rejects_path

from .console import execute_plain, execute_with_bar, plain_console, print_plan, print_summary
from .lock import JobLock
from .plan import TenantPlan, plan_tenants
from .report import JobReport, build_summary
from .servers import call_servers
from .state import Index, JobKey, ProfileCache, atomic_write_json, clear_tenant, read_json
from .tenant import TenantOutcome, TenantTask


@dataclass
class JobOptions:
    memory: Path
    tenants: list[str] = field(default_factory=list)
    force: bool = False
    dry_run: bool = False
    executor: str | None = None
    examples: int | None = None
    forget_list: Path | None = None
    accept_vanished: bool = False


def read_forget_list(path: Path) -> list[str]:
    """One tenant id per line; blank lines and `#` comments ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise MemloraError(f"cannot read forget list {path}: {e.strerror or e}") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def budget(settings: Settings, examples: int | None) -> int:
    n = examples or settings.jobs.examples_per_tenant or settings.distill.examples_per_tenant
    if n < 2:
        raise MemloraError(f"examples per tenant must be at least 2 (train + validation), got {n}")
    return int(n)


def _pending_forgets(forgets, ledger: dict, ref=str) -> dict[str, str]:
    """Forget records not applied yet: {tenant: stamp}. Exports keep old forget records for ever,
    so each is applied once (the ledger holds the newest stamp applied per tenant, keyed by `ref(tenant)`,
    the keyed hash, so the ledger outlives the forget without the id); otherwise a tenant who came back
    after a deletion would lose its new adapter every night."""
    newest: dict[str, str] = {}
    for f in forgets or []:
        stamp = f.created_at.isoformat() if f.created_at else "undated"
        cur = newest.get(f.tenant)
        newest[f.tenant] = stamp if cur is None or (stamp != "undated" and (cur == "undated" or stamp > cur)) else cur
    out = {}
    for t, s in newest.items():
        done = ledger.get(ref(t))
        if done is None or (s != "undated" and (done == "undated" or s > done)):
            out[t] = s
    return out


LEDGER_VERSION = 2


def _read_ledger(settings: Settings, path: Path) -> dict[str, str]:
    """{tenant ref: stamp}; a version-1 ledger (keyed by tenant id) is read with its ids hashed."""
    data = read_json(path, {}) or {}
    if not isinstance(data, dict):
        return {}
    if data.get("version") == LEDGER_VERSION and isinstance(data.get("tenants"), dict):
        return dict(data["tenants"])
    return {tenant_ref(settings, t): s for t, s in data.items() if isinstance(t, str) and isinstance(s, str)}


def _write_rejects(settings: Settings, rejects, run_id: str, forgotten: set[str], console) -> None:
    """Each rejected line into its tenant's directory (forget erases it there); lines naming no usable
    tenant into the run's directory; lines of a tenant forgotten in this run nowhere."""
    by_dir: dict[Path, list] = {}
    dropped = 0
    for r in rejects:
        t = reject_tenant(r.raw)
        if t is not None and t in forgotten:
            dropped += 1
            continue
        try:
            path = rejects_path(settings.state_dir, t, run_id) if t else None
        except MemloraError:
            path = None
        by_dir.setdefault(path or settings.state_dir / "runs" / run_id / "rejects.jsonl", []).append(r)
    for path, rs in by_dir.items():
        write_rejects(rs, path)
    kept = len(rejects) - dropped
    if kept:
        console.print(f"[yellow]{kept} memory record(s) rejected[/] (state/tenants/<key>/rejects/{run_id}.jsonl per tenant"
                      f"{', the rest in state/runs/' + run_id + '/rejects.jsonl' if any(p.parent.name == run_id for p in by_dir) else ''})")
    if dropped:
        console.print(f"{dropped} rejected record(s) of tenants forgotten in this run were not kept")


def run_nightly(settings: Settings, opts: JobOptions, console=None) -> JobReport:
    console = console or plain_console()
    settings = settings.model_copy(update={"home": Path(settings.home).expanduser().resolve()})
    if not console.is_terminal:  # training's own progress bars would be carriage-return debris in a log file
        settings = settings.model_copy(update={"train": settings.train.model_copy(update={"progress": False})})
    memory = Path(opts.memory)
    if not memory.exists():
        raise MemloraError(f"memory source not found: {memory}")
    executor = opts.executor or settings.jobs.executor
    if opts.dry_run:
        return _run(settings, opts, memory, executor, console)
    with JobLock(settings.state_dir / "nightly.lock", command="memlora nightly", say=lambda m: console.print(f"[yellow]{m}[/]")):
        return _run(settings, opts, memory, executor, console)


def _profile_entry(p) -> dict:
    return {"profile_hash": p.profile_hash, "items": len(p.items), "probe": any(getattr(i, "probe", None) for i in p.items)}


class _Profiles:
    """Tonight's profiles: from the profile cache when distill's inputs are unchanged (no consolidation),
    otherwise from `build_profiles`. Full `Profile`s are built on demand (`full()`), only when some tenant
    trains: its own profile and the isolation sample need them."""

    def __init__(self, settings: Settings, records, state_dir: Path, force: bool, save: bool):
        self.settings, self.records, self.save_cache, self.state_dir = settings, records, save, state_dir
        self.cache = ProfileCache(state_dir)
        self.inputs = profile_inputs(records, settings)
        self.profiles: dict | None = None
        self.built = 0
        self.changed = self.cache.changed(self.inputs.tenants) if self.cache.inputs else sorted(self.inputs.tenants)
        cached = None if force else self.cache.lookup(self.inputs.digest)
        if cached is not None:
            self.entries, self.source, self.why = cached, "cache", "memory, distill settings and code unchanged"
        else:
            if force:
                why = "forced"
            elif not self.cache.inputs:
                why = "no profile cache yet"
            elif self.cache.context != self.inputs.context:
                why = "distill settings or code changed"
            else:
                why = f"memory changed for {len(self.changed)} tenant(s)"
            self.source, self.why = "built", why
            self.entries = {t: _profile_entry(p) for t, p in self._build().items()}

    def _build(self) -> dict:
        self.profiles = distill_profile.build_profiles(self.records, self.settings, cache_dir=self.state_dir)
        self.built = len(self.profiles)
        if self.save_cache:
            self.cache.save(self.inputs, {t: _profile_entry(p) for t, p in self.profiles.items()})
        return self.profiles

    def full(self) -> dict:
        """tenant -> Profile for the tenants still planned (the cached entries' keys)."""
        if self.profiles is None:
            self._build()
            self.why += "; built for the tenants that train"
        return {t: p for t, p in self.profiles.items() if t in self.entries}

    def hashes(self) -> dict[str, str]:
        return {t: e["profile_hash"] for t, e in self.entries.items()}

    def report(self) -> dict:
        return {"source": self.source, "built": self.built, "why": self.why, "memory_changed": len(self.changed),
                "tenants": len(self.entries)}


@dataclass
class _Night:
    """One run's inputs, shared by its stages."""

    settings: Settings
    opts: JobOptions
    memory: Path
    executor: str
    console: Any
    run_id: str
    t_start: float
    consolidate_s: float = 0.0

    @property
    def state_dir(self) -> Path:
        return self.settings.state_dir


def _run(settings: Settings, opts: JobOptions, memory: Path, executor: str, console) -> JobReport:
    """Read and check tonight's export, forget, plan, train, tell the fleet, record the outcome."""
    t_start = time.time()
    run_id = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t_start)) + "-" + uuid.uuid4().hex[:6]
    night = _Night(settings, opts, memory, executor, console, run_id, t_start)
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    loaded, listed, present, tonight = _consolidate(night)
    invalid = _invalid_tenants(night, tonight.entries)
    forget, ledger = _forgets_due(night, loaded, listed, present, tonight.entries)
    index = Index(settings.state_dir)
    vanished = _vanished(night, index, tonight.entries, forget)
    selected = _selected(night, tonight.entries)
    n = budget(settings, opts.examples)
    base_fp = fingerprint(resolve_model_path(settings, pull=not opts.dry_run), settings.home / "cache" / "fingerprints.json")
    for t in forget:
        index.drop(t)
    forgotten = [] if opts.dry_run else _apply_forgets(night, forget, index, ledger)
    plans, full = _plan(night, tonight, index, base_fp, n, selected)
    print_plan(console, plans, forget, vanished, n, executor, opts.dry_run)
    if opts.dry_run:
        return JobReport(run_id, EXIT_OK, plans, vanished=vanished)
    outcomes = invalid + _train(night, plans, full, n, index)
    calls = _tell_servers(settings, outcomes, console)
    failed = [o for o in outcomes if o.status != "ok"] + [f for f in forgotten if not f["ok"]]
    report = JobReport(run_id, EXIT_PARTIAL if failed else EXIT_OK, plans, outcomes, forgotten, vanished, calls)
    return _record(night, report, n, tonight)


def _consolidate(night: _Night) -> tuple[Any, set[str], list[str], "_Profiles"]:
    """The export read, forget-listed tenants' records dropped, tonight's profiles (cached or built)."""
    t0 = time.perf_counter()
    loaded = load_memory(night.memory)
    listed = set(read_forget_list(night.opts.forget_list)) if night.opts.forget_list else set()
    present = sorted(listed & {r.tenant for r in loaded.records})
    if present:  # never consolidated nor cached: the profile cache would otherwise keep their ids
        loaded.records = [r for r in loaded.records if r.tenant not in listed]
    tonight = _Profiles(night.settings, loaded.records, night.state_dir, force=night.opts.force, save=not night.opts.dry_run)
    night.consolidate_s = time.perf_counter() - t0
    if tonight.source == "cache":
        night.console.print(f"profiles: {len(tonight.entries)} unchanged since the last consolidation (profile cache; consolidation skipped)")
    return loaded, listed, present, tonight


def _invalid_tenants(night: _Night, profiles: dict) -> list[TenantOutcome]:
    """Tenants whose id cannot be a key fail here, alone; they leave `profiles`."""
    invalid: list[TenantOutcome] = []
    for t in sorted(profiles):
        try:
            tenant_key(t)
        except MemloraError as e:
            invalid.append(TenantOutcome(t, "failed", "failed", reason=f"{e} (records in {night.memory})"))
            night.console.print(f"[red]tenant {t[:60]!r} fails: {e}[/]")
            profiles.pop(t)
    if night.opts.tenants:
        invalid = [o for o in invalid if o.tenant in night.opts.tenants]
    return invalid


def _forgets_due(night: _Night, loaded, listed: set[str], present: list[str], profiles: dict) -> tuple[dict[str, str], dict[str, str]]:
    """({tenant: forget record stamp, or "listed"}, the ledger of forgets applied before); rejected lines are kept."""
    settings, console = night.settings, night.console
    ledger = _read_ledger(settings, night.state_dir / "forgets.json")
    forget = _pending_forgets(loaded.forgets, ledger, lambda t: tenant_ref(settings, t))
    if loaded.rejects and not night.opts.dry_run:
        _write_rejects(settings, loaded.rejects, night.run_id, set(forget) | listed, console)
    for t in present:
        console.print(f"[yellow]tenant {t!r} is on the forget list and present in the memory: forgetting it, its records are ignored[/]")
    for t in sorted(set(forget) & set(profiles)):
        console.print(f"tenant {t!r}: forgetting its adapters; records newer than its forget record remain and are trained again")
    forget.update({t: "listed" for t in listed})
    return forget, ledger


def _vanished(night: _Night, index: Index, profiles: dict, forget: dict) -> list[str]:
    """Trained tenants missing from the export; too many of them stops the job before anything changes."""
    known = set(index.entries)
    vanished = sorted(known - set(profiles) - set(forget))
    limit = night.settings.jobs.max_vanished_fraction
    if known and vanished and len(vanished) / len(known) > limit and not night.opts.accept_vanished:
        raise JobError(
            f"{len(vanished)} of {len(known)} trained tenants ({len(vanished) / len(known):.0%}) are missing from {night.memory} "
            f"(limit jobs.max_vanished_fraction={limit:.0%}): a truncated export? "
            f"Nothing was trained or deleted. Missing: {', '.join(vanished[:10])}{' ...' if len(vanished) > 10 else ''}. "
            f"To delete tenants use forget records or --forget-list; to run anyway pass --accept-vanished"
        )
    return vanished


def _selected(night: _Night, profiles: dict) -> list[str] | None:
    if not night.opts.tenants:
        return None
    unknown = [t for t in night.opts.tenants if t not in profiles]
    if unknown:
        raise MemloraError(f"--tenant {', '.join(map(repr, unknown))}: no such tenant with selected memory in {night.memory}")
    return night.opts.tenants


def _apply_forgets(night: _Night, forget: dict[str, str], index: Index, ledger: dict[str, str]) -> list[dict]:
    """Each tenant forgotten everywhere; the ledger records applied forget records (not list entries) by keyed hash."""
    forgotten = [_forget(night.settings, t, index, night.run_id) for t in sorted(forget)]
    index.save()
    for f in forgotten:
        if f["ok"] and forget[f["tenant"]] != "listed":
            ledger[f["ref"]] = forget[f["tenant"]]
    if forgotten:
        atomic_write_json(night.state_dir / "forgets.json", {"version": LEDGER_VERSION, "tenants": ledger})
    return forgotten


def _plan(night: _Night, tonight: "_Profiles", index: Index, base_fp: str, n: int,
          selected: list[str] | None) -> tuple[list[TenantPlan], dict]:
    """Who trains tonight and why; the full profiles of those who do (planned again if they disagree with the cache)."""
    lookup = _memo(_registry_lookup(night.settings))

    def plan(hashes: dict[str, str], items: dict[str, int]) -> list[TenantPlan]:
        plans = plan_tenants(hashes, base_fp, training_config_hash(night.settings), n, night.state_dir, index=index,
                             force=night.opts.force, selected=selected, registry_key=lookup)
        for p in plans:
            if p.runs and not items[p.tenant] and index.key(p.tenant) is None:
                p.action, p.reason = "skip", "no selected memory yet (nothing to train)"
        return plans

    plans = plan(tonight.hashes(), {t: e["items"] for t, e in tonight.entries.items()})
    full: dict = {}
    if not night.opts.dry_run and any(p.runs for p in plans):
        t1 = time.perf_counter()
        full = tonight.full()  # the tenants that train need their Profile, the isolation sample its probes
        night.consolidate_s += time.perf_counter() - t1
        fresh = {t: p.profile_hash for t, p in full.items()}
        if fresh != tonight.hashes():  # cannot happen while the digest covers all inputs; never train on a stale plan
            night.console.print("[yellow]profile cache disagreed with a fresh consolidation: planning again from the fresh profiles[/]")
            plans = plan(fresh, {t: len(p.items) for t, p in full.items()})
    return plans, full


def _train(night: _Night, plans: list[TenantPlan], full: dict, n: int, index: Index) -> list[TenantOutcome]:
    """The planned tenants through their pipelines; the index learns each new version."""
    todo = [p for p in plans if p.runs]
    others = _isolation_dirs(night.settings, full, [p.tenant for p in todo])
    tasks = [TenantTask(p.tenant, p.key.as_dict(), full[p.tenant], n, fresh=night.opts.force, others=others[p.tenant]) for p in todo]
    try:
        outcomes = _execute(night.executor, tasks, night.settings, night.console)
    finally:
        for d in {d for ds in others.values() for d in ds}:
            shutil.rmtree(d, ignore_errors=True)
    for o in outcomes:
        if o.version is not None:
            index.set(o.tenant, o.key, o.version, o.passed)
    index.save()
    return outcomes


def _tell_servers(settings: Settings, outcomes: list[TenantOutcome], console) -> list[dict]:
    """Every server reloads each tenant whose champion changed; one that does not answer polls the change later."""
    calls: list[dict] = []
    if not (any(o.champion_changed for o in outcomes) and settings.jobs.servers):
        return calls
    down: set[str] = set()
    for o in outcomes:
        if o.champion_changed:
            calls += [dict(asdict(c), tenant=o.tenant) for c in call_servers(settings, "/admin/reload", {"tenant": o.tenant}, down)]
    for c in calls:
        if not c["ok"]:
            console.print(f"[yellow]reload of {c['server']} failed ({c['detail']}); its registry polling will pick the change up[/]")
    return calls


def _record(night: _Night, report: JobReport, n: int, tonight: "_Profiles") -> JobReport:
    """The summary into the run's directory, `last_summary.json` and an MLflow job run; the closing table."""
    report.summary = build_summary(report, night.memory, night.executor, n, night.t_start, night.consolidate_s, tonight.report())
    report.summary_path = night.state_dir / "runs" / night.run_id / "summary.json"
    atomic_write_json(report.summary_path, report.summary)
    atomic_write_json(night.state_dir / "last_summary.json", report.summary)
    report.mlflow_run_id = _log_mlflow(night.settings, report, night.console)
    print_summary(night.console, report)
    return report


def _isolation_dirs(settings: Settings, profiles: dict, tenants: list[str]) -> dict[str, list[str]]:
    """Other tenants' fact probes for each adapter's leak check: a bounded, stable sample
    (jobs.isolation_tenants), so the check costs the same with 10 tenants or 10k. Their profiles are
    written (no model needed) because most other tenants are not distilled tonight, each under its own
    tenant's directory (forget erases it there) and removed when the run's training ends."""

    def h(x: str) -> str:
        return hashlib.sha256(x.encode()).hexdigest()

    ring = sorted((t for t, p in profiles.items() if any(getattr(i, "probe", None) for i in p.items)), key=h)
    hashes = [h(t) for t in ring]
    k = min(settings.jobs.isolation_tenants, max(0, len(ring) - 1))
    out, written = {}, set()
    for t in tenants:
        start = bisect.bisect_right(hashes, h(t))
        pool = [o for o in (ring[(start + j) % len(ring)] for j in range(k + 1)) if o != t][:k] if ring else []
        dirs = []
        for o in pool:
            d = isolation_dir(settings.state_dir, o)
            if o not in written:
                d.mkdir(parents=True, exist_ok=True)
                profiles[o].write(d / "profile.json")
                atomic_write_json(d / "meta.json", {"tenant": o, "tenant_key": tenant_key(o), "note": "profile only, for isolation checks"})
                written.add(o)
            dirs.append(str(d))
        out[t] = dirs
    return out


def _memo(lookup):
    """A registry lookup asked at most once per tenant (the plan may be made twice)."""
    if lookup is None:
        return None
    seen: dict = {}

    def once(tenant: str):
        if tenant not in seen:
            seen[tenant] = lookup(tenant)
        return seen[tenant]

    return once


def _registry_lookup(settings: Settings):
    """For tenants the local index does not know (a fresh state volume over an existing store): the key of
    their latest registered version. One search lists the registered tenants, so tenants new to the registry
    cost nothing."""
    if not AdapterRegistry.exists(settings):
        return None  # no store yet: nothing is registered
    reg: AdapterRegistry | None = None
    registered: set[str] = set()

    def lookup(tenant: str) -> JobKey | None:
        nonlocal reg, registered
        if reg is None:  # connect on first use: a night the local index answers never opens the store
            reg = AdapterRegistry(settings)
            registered = set(reg.tenants())
        if tenant not in registered:
            return None
        k = reg.latest_key(tenant)
        return None if k is None else JobKey(k.profile_hash, k.base_fingerprint, k.config_hash, k.examples)

    return lookup


def _forget(settings: Settings, tenant: str, index: Index, run_id: str) -> dict:
    """Registry, local state and summaries (AdapterRegistry.forget, audited), then the serving fleet."""
    try:
        rep = AdapterRegistry(settings).forget(tenant, actor=f"nightly:{run_id}")
        ok = True
        detail = f"{len(rep.versions)} version(s), {len(rep.runs)} run(s) removed" if rep.registered_model or rep.runs else "nothing registered"
    except Exception as e:
        ok, detail = False, f"registry forget failed: {str(e).splitlines()[0][:200] if str(e) else type(e).__name__}"
    index.drop(tenant)
    try:
        erase_local(settings, tenant, tenant_ref(settings, tenant))
        clear_tenant(settings.state_dir, tenant)
    except (MemloraError, OSError) as e:
        ok, detail = False, str(e)
    calls = call_servers(settings, "/admin/forget", {"tenant": tenant})
    bad = [c for c in calls if not c.ok]
    if bad:
        detail += "; servers not told: " + ", ".join(f"{c.server} ({c.detail})" for c in bad)
    return {"tenant": tenant, "ref": tenant_ref(settings, tenant), "ok": ok, "detail": detail, "servers": [asdict(c) for c in calls]}


def _execute(executor: str, tasks: list[TenantTask], settings: Settings, console) -> list[TenantOutcome]:
    if not tasks:
        return []
    run = execute_with_bar if console.is_terminal else execute_plain
    return run(executor, tasks, settings, console)


def _log_mlflow(settings: Settings, report: JobReport, console) -> str | None:
    """The night's outcome as a run in the memlora experiment, so it is visible in the MLflow UI."""
    try:
        versions = {o.tenant: o.version for o in report.outcomes if o.version is not None}
        return AdapterRegistry(settings).log_job_run(report.run_id, report.summary, report.exit_code == EXIT_OK, versions)
    except Exception as e:  # the job's work is done and saved; a logging failure must not hide it
        console.print(f"[yellow]could not log the job run to MLflow ({type(e).__name__}: {str(e)[:200]})[/]")
        return None
