"""The nightly job: memory export in, changed tenants retrained, fleet told, outcome recorded.

Order matters for safety: the export is read and checked (mass-vanish stop)
before anything is deleted or trained, deletions happen only for explicit
forget records or a forget list, and every tenant's work is checkpointed
(tenant.py) so the job can be killed and simply started again.
"""
from __future__ import annotations

import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from memlora.errors import EXIT_OK, EXIT_PARTIAL, JobError, MemloraError
from memlora.keys import tenant_key
from memlora.pseudonym import tenant_ref
from memlora.settings import Settings
from memlora.tenant_data import erase_local, isolation_dir, reject_tenant, rejects_path

from .executors import run_tasks
from .lock import JobLock
from .plan import TenantPlan, plan_tenants
from .servers import call_servers
from .state import Index, JobKey, ProfileCache, atomic_write_json, clear_tenant, read_json
from .tenant import TenantOutcome, TenantTask

STAGES = ("distill", "train", "evaluate", "register", "promote")


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


@dataclass
class JobReport:
    run_id: str
    exit_code: int
    plans: list[TenantPlan]
    outcomes: list[TenantOutcome] = field(default_factory=list)
    forgotten: list[dict] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    server_calls: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    summary_path: Path | None = None
    mlflow_run_id: str | None = None


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
    from memlora.distill.records import write_rejects

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


def plain_console(stderr: bool = False):
    """Where the night's lines go: rich on a terminal; piped (cron, systemd, Kubernetes) a wide plain console, so
    tables are not squeezed to 80 columns and no live bar is drawn (each step is one line)."""
    from rich.console import Console

    c = Console(stderr=stderr)
    return c if c.is_terminal else Console(stderr=stderr, width=400, no_color=True, highlight=False, soft_wrap=True)


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
        from memlora.distill.digest import profile_inputs

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
        from memlora.distill.profile import build_profiles

        self.profiles = build_profiles(self.records, self.settings, cache_dir=self.state_dir)
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


def _run(settings: Settings, opts: JobOptions, memory: Path, executor: str, console) -> JobReport:
    from memlora.runtime.base import fingerprint, resolve_model_path
    from memlora.adapters.manifest import training_config_hash
    from memlora.distill.records import load_memory

    t_start = time.time()
    run_id = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t_start)) + "-" + uuid.uuid4().hex[:6]
    run_dir = settings.state_dir / "runs" / run_id
    state_dir = settings.state_dir
    state_dir.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    loaded = load_memory(memory)
    listed = set(read_forget_list(opts.forget_list)) if opts.forget_list else set()
    present = sorted(listed & {r.tenant for r in loaded.records})
    if present:  # never consolidated nor cached: the profile cache would otherwise keep their ids
        loaded.records = [r for r in loaded.records if r.tenant not in listed]
    tonight = _Profiles(settings, loaded.records, state_dir, force=opts.force, save=not opts.dry_run)
    profiles = tonight.entries  # tenant -> {"profile_hash", "items", "probe"}
    consolidate_s = time.perf_counter() - t0
    if tonight.source == "cache":
        console.print(f"profiles: {len(profiles)} unchanged since the last consolidation (profile cache; consolidation skipped)")

    invalid: list[TenantOutcome] = []
    for t in sorted(profiles):
        try:
            tenant_key(t)
        except MemloraError as e:
            invalid.append(TenantOutcome(t, "failed", "failed", reason=f"{e} (records in {memory})"))
            console.print(f"[red]tenant {t[:60]!r} fails: {e}[/]")
            profiles.pop(t)

    if opts.tenants:
        invalid = [o for o in invalid if o.tenant in opts.tenants]

    ledger_path = state_dir / "forgets.json"
    ledger = _read_ledger(settings, ledger_path)
    forget = _pending_forgets(loaded.forgets, ledger, lambda t: tenant_ref(settings, t))
    if loaded.rejects and not opts.dry_run:
        _write_rejects(settings, loaded.rejects, run_id, set(forget) | listed, console)
    for t in present:
        console.print(f"[yellow]tenant {t!r} is on the forget list and present in the memory: forgetting it, its records are ignored[/]")
    for t in sorted(set(forget) & set(profiles)):
        console.print(f"tenant {t!r}: forgetting its adapters; records newer than its forget record remain and are trained again")
    forget.update({t: "listed" for t in listed})

    index = Index(state_dir)
    known = set(index.entries)
    vanished = sorted(known - set(profiles) - set(forget))
    if known and vanished:
        frac = len(vanished) / len(known)
        if frac > settings.jobs.max_vanished_fraction and not opts.accept_vanished:
            raise JobError(
                f"{len(vanished)} of {len(known)} trained tenants ({frac:.0%}) are missing from {memory} "
                f"(limit jobs.max_vanished_fraction={settings.jobs.max_vanished_fraction:.0%}): a truncated export? "
                f"Nothing was trained or deleted. Missing: {', '.join(vanished[:10])}{' ...' if len(vanished) > 10 else ''}. "
                f"To delete tenants use forget records or --forget-list; to run anyway pass --accept-vanished"
            )

    selected = None
    if opts.tenants:
        unknown = [t for t in opts.tenants if t not in profiles]
        if unknown:
            raise MemloraError(f"--tenant {', '.join(map(repr, unknown))}: no such tenant with selected memory in {memory}")
        selected = opts.tenants

    n = budget(settings, opts.examples)
    base_fp = fingerprint(resolve_model_path(settings, pull=not opts.dry_run), settings.home / "cache" / "fingerprints.json")

    forgotten = []
    for t in forget:
        index.drop(t)
    if not opts.dry_run:
        forgotten = [_forget(settings, t, index, run_id) for t in sorted(forget)]
        index.save()
        for f in forgotten:
            if f["ok"] and forget[f["tenant"]] != "listed":
                ledger[tenant_ref(settings, f["tenant"])] = forget[f["tenant"]]
        if forgotten:
            atomic_write_json(ledger_path, {"version": LEDGER_VERSION, "tenants": ledger})

    lookup = _memo(_registry_lookup(settings))

    def plan(hashes: dict[str, str], items: dict[str, int]) -> list[TenantPlan]:
        plans = plan_tenants(hashes, base_fp, training_config_hash(settings), n, state_dir, index=index,
                             force=opts.force, selected=selected, registry_key=lookup)
        for p in plans:
            if p.runs and not items[p.tenant] and index.key(p.tenant) is None:
                p.action, p.reason = "skip", "no selected memory yet (nothing to train)"
        return plans

    plans = plan(tonight.hashes(), {t: e["items"] for t, e in profiles.items()})
    full: dict = {}
    if not opts.dry_run and any(p.runs for p in plans):
        t1 = time.perf_counter()
        full = tonight.full()  # the tenants that train need their Profile, the isolation sample its probes
        consolidate_s += time.perf_counter() - t1
        fresh = {t: p.profile_hash for t, p in full.items()}
        if fresh != tonight.hashes():  # cannot happen while the digest covers all inputs; never train on a stale plan
            console.print("[yellow]profile cache disagreed with a fresh consolidation: planning again from the fresh profiles[/]")
            plans = plan(fresh, {t: len(p.items) for t, p in full.items()})
    _print_plan(console, plans, forget, vanished, n, executor, opts.dry_run)
    if opts.dry_run:
        return JobReport(run_id, EXIT_OK, plans, vanished=vanished)

    todo = [p for p in plans if p.runs]
    others = _isolation_dirs(settings, full, [p.tenant for p in todo])
    tasks = [TenantTask(p.tenant, p.key.as_dict(), full[p.tenant], n, fresh=opts.force, others=others[p.tenant]) for p in todo]
    try:
        outcomes = invalid + _execute(executor, tasks, settings, console)
    finally:
        for d in {d for ds in others.values() for d in ds}:
            shutil.rmtree(d, ignore_errors=True)
    for o in outcomes:
        if o.version is not None:
            index.set(o.tenant, o.key, o.version, o.passed)
    index.save()

    calls = []
    if any(o.champion_changed for o in outcomes) and settings.jobs.servers:
        down: set[str] = set()
        for o in outcomes:
            if o.champion_changed:
                calls += [dict(asdict(c), tenant=o.tenant) for c in call_servers(settings, "/admin/reload", {"tenant": o.tenant}, down)]
        for c in calls:
            if not c["ok"]:
                console.print(f"[yellow]reload of {c['server']} failed ({c['detail']}); its registry polling will pick the change up[/]")

    failed = [o for o in outcomes if o.status != "ok"] + [f for f in forgotten if not f["ok"]]
    report = JobReport(run_id, EXIT_PARTIAL if failed else EXIT_OK, plans, outcomes, forgotten, vanished, calls)
    report.summary = _summary(settings, report, memory, executor, n, t_start, consolidate_s, tonight.report())
    report.summary_path = run_dir / "summary.json"
    atomic_write_json(report.summary_path, report.summary)
    atomic_write_json(state_dir / "last_summary.json", report.summary)
    report.mlflow_run_id = _log_mlflow(settings, report, console)
    _print_summary(console, report)
    return report


def _isolation_dirs(settings: Settings, profiles: dict, tenants: list[str]) -> dict[str, list[str]]:
    """Other tenants' fact probes for each adapter's leak check: a bounded, stable sample
    (jobs.isolation_tenants), so the check costs the same with 10 tenants or 10k. Their profiles are
    written (no model needed) because most other tenants are not distilled tonight, each under its own
    tenant's directory (forget erases it there) and removed when the run's training ends."""
    import bisect
    import hashlib

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
    their latest registered version, from its tags and run params. One search lists the registered tenants,
    so tenants new to the registry cost nothing."""

    if settings.tracking_uri.startswith("sqlite:") and not (settings.mlflow_dir / "mlflow.db").exists():
        return None  # no store yet: nothing is registered
    reg = None
    registered: set[str] | None = None

    def lookup(tenant: str) -> JobKey | None:
        nonlocal reg, registered
        from memlora.registry.store import AdapterRegistry

        if registered is None:  # connect on first use: a night the local index answers never opens the store
            reg = AdapterRegistry(settings)
            registered = set(reg.tenants())
        if tenant not in registered:
            return None
        v = reg.latest(tenant)
        if v is None or not v.run_id:
            return None
        params = reg.client.get_run(v.run_id).data.params
        try:
            return JobKey(v.tags.get("profile_hash", ""), v.tags.get("base_fingerprint", ""),
                          v.tags.get("config_hash", ""), int(params.get("examples", -1)))
        except ValueError:
            return None

    return lookup


def _forget(settings: Settings, tenant: str, index: Index, run_id: str) -> dict:
    """Registry, local state and summaries (AdapterRegistry.forget, audited), then the serving fleet."""
    from memlora.registry.store import AdapterRegistry

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
    return {"tenant": tenant, "ok": ok, "detail": detail, "servers": [asdict(c) for c in calls]}


def _done_line(o: TenantOutcome) -> str:
    from rich.markup import escape

    mark = {"ok": "[green]ok[/]", "rejected": "[yellow]rejected[/]"}.get(o.status, "[red]failed[/]")
    return f"{escape(o.tenant)}: {mark} {escape(f'version {o.version}' if o.version is not None else o.reason)}"


def _execute(executor: str, tasks: list[TenantTask], settings: Settings, console) -> list[TenantOutcome]:
    if not tasks:
        return []
    if not console.is_terminal:
        return _execute_plain(executor, tasks, settings, console)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        bar = progress.add_task(f"training {len(tasks)} tenant(s) [{executor}]", total=len(tasks))

        def start(task: TenantTask) -> None:
            if executor == "local":
                progress.update(bar, description=f"training {task.tenant}")

        def done(o: TenantOutcome) -> None:
            progress.console.print(f"  {_done_line(o)}")
            progress.advance(bar)

        return run_tasks(executor, tasks, settings, on_done=done, on_start=start)


def _execute_plain(executor: str, tasks: list[TenantTask], settings: Settings, console) -> list[TenantOutcome]:
    """One timestamped line per step, nothing redrawn: what a log file (cron, journald, kubectl logs) can hold."""
    from rich.markup import escape

    n, finished = len(tasks), [0]

    def say(text: str) -> None:
        console.print(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {text}")

    def start(task: TenantTask) -> None:
        say(escape(f"[{finished[0] + 1}/{n}] training {task.tenant}"))

    def done(o: TenantOutcome) -> None:
        finished[0] += 1
        say(escape(f"[{finished[0]}/{n}] ") + _done_line(o))

    say(escape(f"training {n} tenant(s) [{executor}]"))
    return run_tasks(executor, tasks, settings, on_done=done, on_start=start)


def _summary(settings, report: JobReport, memory, executor, n, t_start, consolidate_s, profiles: dict | None = None) -> dict:
    rows = []
    stage_tot = {s: 0.0 for s in STAGES}
    plans = {p.tenant: p for p in report.plans}
    for o in report.outcomes:
        for s, v in o.stage_seconds.items():
            stage_tot[s] = stage_tot.get(s, 0.0) + v
        plan = plans.get(o.tenant)
        rows.append({
            "tenant": o.tenant, "action": o.action, "status": o.status, "why": plan.reason if plan else "",
            "examples": o.examples, "train_seconds": o.train_seconds, "gate_metrics": o.gate_metrics,
            "passed": o.passed, "new_version": o.version, "champion_changed": o.champion_changed,
            "reason": o.reason, "resumed_from": o.resumed_from, "stage_seconds": o.stage_seconds,
        })
    for f in report.forgotten:  # the keyed hash: a forgotten tenant's id is not kept, not even here
        rows.append({"tenant": tenant_ref(settings, f["tenant"]), "action": "forgotten", "status": "ok" if f["ok"] else "failed",
                     "reason": f["detail"]})
    for t in report.vanished:
        rows.append({"tenant": t, "action": "missing from export (kept)", "status": "ok", "reason": ""})
    wall = time.time() - t_start
    counts = {
        "tenants": len(report.plans),
        "trained": sum(o.status == "ok" for o in report.outcomes),
        "rejected": sum(o.status == "rejected" for o in report.outcomes),
        "failed": sum(o.status == "failed" for o in report.outcomes) + sum(not f["ok"] for f in report.forgotten),
        "unchanged": sum(not p.runs for p in report.plans),
        "forgotten": len(report.forgotten),
        "vanished": len(report.vanished),
        "champions_changed": sum(o.champion_changed for o in report.outcomes),
        "profiles_built": (profiles or {}).get("built", 0),
    }
    return {
        "run_id": report.run_id, "memory": str(memory), "executor": executor, "examples_per_tenant": n,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t_start)), "wall_seconds": round(wall, 3),
        "consolidate_seconds": round(consolidate_s, 3), "profiles": profiles or {}, "stage_seconds": {k: round(v, 3) for k, v in stage_tot.items()},
        "counts": counts, "exit_code": report.exit_code, "rows": rows, "server_calls": report.server_calls,
    }


def _log_mlflow(settings: Settings, report: JobReport, console) -> str | None:
    """The night's outcome as a run in the memlora experiment, so it is visible in the MLflow UI."""
    try:
        from memlora.registry.mlflow_io import ensure_experiment, make_client

        client = make_client(settings)
        exp = ensure_experiment(settings, client)
        s = report.summary
        start_ms = int((time.time() - s["wall_seconds"]) * 1000)
        run = client.create_run(exp, run_name=f"nightly {report.run_id}", start_time=start_ms,
                                tags={"memlora.kind": "nightly-job", "memlora.job_run": report.run_id})
        rid = run.info.run_id
        client.log_param(rid, "memory", s["memory"][:500])
        client.log_param(rid, "executor", s["executor"])
        client.log_param(rid, "examples_per_tenant", s["examples_per_tenant"])
        for k, v in s["counts"].items():
            client.log_metric(rid, k, v)
        client.log_metric(rid, "wall_seconds", s["wall_seconds"])
        for k, v in s["stage_seconds"].items():
            client.log_metric(rid, f"stage_seconds_{k}", v)
        client.log_dict(rid, s, "summary.json")
        if s["rows"]:
            cols = ["tenant", "action", "status", "examples", "train_seconds", "new_version", "champion_changed", "reason"]
            client.log_table(rid, {c: [("" if r.get(c) is None else str(r.get(c))) for r in s["rows"]] for c in cols}, "summary_table.json")
        client.set_terminated(rid, "FINISHED" if report.exit_code == EXIT_OK else "FAILED")
        _nest(settings, client, rid, report.outcomes)
        return rid
    except Exception as e:  # the job's work is done and saved; a logging failure must not hide it
        console.print(f"[yellow]could not log the job run to MLflow ({type(e).__name__}: {str(e)[:200]})[/]")
        return None


def _nest(settings: Settings, client, parent: str, outcomes: list[TenantOutcome]) -> None:
    """The night's tenant runs under its run in the UI (`mlflow.parentRunId`), found through their versions."""
    from memlora.registry.names import model_name

    for o in outcomes:
        if o.version is not None:
            child = client.get_model_version(model_name(settings, o.tenant), str(o.version)).run_id
            if child:
                client.set_tag(child, "mlflow.parentRunId", parent)


def _fmt_metrics(m: dict) -> str:
    """The gate's headline numbers from adapters' nested eval metrics (flat numeric metrics are shown as they are)."""
    def get(*path):
        v = m
        for k in path:
            v = v.get(k) if isinstance(v, dict) else None
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

    keep = [("KL closed", get("kl", "gap_closed")), ("facts", get("facts", "recall", "adapter")),
            ("prefs", get("preferences", "mean", "adapter")), ("ppl +", get("retention", "regression")),
            ("leaks", get("isolation", "leak_rate"))]
    keep = [(k, v) for k, v in keep if v is not None]
    if not keep:
        keep = [(k, v) for k, v in m.items() if isinstance(v, (int, float)) and not isinstance(v, bool)][:4]
    return ", ".join(f"{k} {v:.2g}" for k, v in keep)


def _print_plan(console, plans, forget, vanished, n, executor, dry_run) -> None:
    from rich.table import Table

    run = [p for p in plans if p.runs]
    title = f"plan: {len(run)} of {len(plans)} tenant(s) to train, {n} examples each, executor {executor}"
    if not dry_run and not run and not forget:
        console.print(f"{title}: nothing changed")
        return
    t = Table(title=title + (" (dry run: nothing is trained)" if dry_run else ""))
    t.add_column("tenant")
    t.add_column("action")
    t.add_column("why")
    shown = run if not dry_run and len(plans) > 50 else plans
    for p in shown:
        t.add_row(p.tenant, p.action, p.reason)
    for f in sorted(forget):
        t.add_row(f, "forget", "explicit forget record / forget list")
    for v in vanished:
        t.add_row(v, "keep", "missing from tonight's export (reported, not deleted)")
    console.print(t)


def _print_summary(console, report: JobReport) -> None:
    from rich.table import Table

    s = report.summary
    t = Table(title=f"nightly {report.run_id}: {s['wall_seconds']:.0f}s, exit {report.exit_code}")
    for c in ("tenant", "action", "examples", "train s", "gate metrics", "new version", "champion changed"):
        t.add_column(c)
    for r in s["rows"]:
        t.add_row(
            r["tenant"], r["action"] + (f": {r['reason']}" if r.get("reason") else ""),
            "" if r.get("examples") is None else str(r["examples"]),
            "" if r.get("train_seconds") is None else f"{r['train_seconds']:.1f}",
            _fmt_metrics(r.get("gate_metrics") or {}),
            "" if r.get("new_version") is None else str(r["new_version"]),
            "yes" if r.get("champion_changed") else "",
        )
    console.print(t)
    c = s["counts"]
    console.print(
        f"{c['trained']} trained, {c['rejected']} rejected by gate, {c['failed']} failed, {c['unchanged']} unchanged, "
        f"{c['forgotten']} forgotten, {c['vanished']} missing from export; summary {report.summary_path}"
    )
