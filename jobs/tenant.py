"""One tenant's night: distill -> train -> evaluate -> register -> promote, checkpointed.

Every step writes its checkpoint only after it finished, so a job killed
anywhere redoes at most the step it was in. Registration is the one step that
must not be redone blindly: before calling the registry the job records an
intent with a unique token, and the token travels into the MLflow run, so a
restarted job first looks for a version carrying its token and adopts it
instead of registering a duplicate. An adapter is registered only from the
"evaluated" checkpoint, i.e. after training returned, never half-trained.

Errors: MemloraError (bad data, failed checks) is permanent for tonight;
connection/timeout/lock errors are retried with exponential backoff; anything
else fails this tenant only, with its reason, and the job goes on.
"""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from memlora import retry
from memlora.errors import MemloraError
from memlora.registry.records import TOKEN_PARAM
from memlora.registry.store import AdapterRegistry
from memlora.settings import Settings
from memlora.tenant_data import profile_path

from .state import TenantState, atomic_write_json, clear_checkpoint, load_state, read_json, save_state, tenant_dir

# Test hook: a job whose environment names a point here SIGKILLs itself on reaching it
# (tests use it to kill a real job between training and registration).
KILL_ENV = "MEMLORA_TEST_KILL_AT"


@dataclass
class TenantTask:
    tenant: str
    key: dict
    profile: Any
    n_examples: int
    fresh: bool = False
    others: list[str] = field(default_factory=list)
    predistilled: bool = False  # distilled tonight with its teacher group (`distill_group`), not a resumed job


@dataclass
class TenantOutcome:
    tenant: str
    status: str  # "ok" | "rejected" | "failed"
    action: str  # what happened, for the summary
    key: dict = field(default_factory=dict)
    examples: int | None = None
    train_seconds: float | None = None
    gate_metrics: dict = field(default_factory=dict)
    passed: bool | None = None
    version: int | None = None
    champion_changed: bool = False
    reason: str = ""
    stage_seconds: dict = field(default_factory=dict)
    resumed_from: str | None = None

    @classmethod
    def failure(cls, task: TenantTask, reason: str) -> "TenantOutcome":
        return cls(task.tenant, "failed", "failed", key=task.key, reason=reason)


def _die_at(point: str) -> None:
    if os.environ.get(KILL_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def is_transient(exc: BaseException) -> bool:
    """Worth retrying: the network, a busy store, a timeout; not bad data or bugs."""
    if isinstance(exc, MemloraError):
        return False
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return True
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return True
    name = type(exc).__name__
    text = str(exc).lower()
    if name in ("ConnectError", "ReadTimeout", "ConnectTimeout", "RemoteDisconnected", "MaxRetryError"):
        return True
    if name in ("MlflowException", "RestException", "OperationalError") and any(
        s in text for s in ("database is locked", "temporarily unavailable", "timed out", "connection", "503", "502", "429")
    ):
        return True
    return False


def with_retries(fn: Callable[[], Any], settings: Settings, what: str, log: list[str]) -> Any:
    """`fn()` retried through memlora.retry (`jobs.retries`, from `jobs.backoff_seconds`), each retry a note in `log`."""
    def note(r: retry.Retry) -> None:
        e = r.error
        log.append(f"{what}: transient error ({type(e).__name__}: {str(e)[:120]}), retry {r.attempt - 1} in {r.wait_seconds:.1f}s")

    return retry.call(fn, what, retry.job_policy(settings), is_transient, note)


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, (str, int, bool)) or x is None:
        return x
    try:
        return float(x)
    except (TypeError, ValueError):
        return str(x)


def run_tenant(task: TenantTask, settings: Settings, base, stop_after: str | None = None) -> TenantOutcome | None:
    """Never raises for a tenant-level problem: the outcome says what failed and why.

    `stop_after="distilled"`: only the distill step (to train several tenants together next); returns None
    when it got there, the failure otherwise.
    """
    sdir = settings.state_dir
    st = load_state(sdir, task.tenant)
    resumed = None
    if _starts_fresh(task, st):
        clear_checkpoint(sdir, task.tenant)
        st = TenantState(task.tenant, task.key, token=uuid.uuid4().hex)
    elif not task.predistilled:
        resumed = st.step
    st.attempts += 1
    st.error = None
    save_state(sdir, st)
    notes: list[str] = []
    try:
        out = _pipeline(task, settings, base, st, notes, stop_after)
        if out is None:
            return None
    except Exception as e:
        reason = str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__
        if not isinstance(e, MemloraError):
            reason = f"{type(e).__name__}: {reason}"
            atomic_write_json(tenant_dir(sdir, task.tenant) / "error.json", {"error": reason, "traceback": traceback.format_exc()})
        st.error = reason
        save_state(sdir, st)
        out = TenantOutcome.failure(task, reason)
        out.stage_seconds = dict(st.stage_seconds)
        out.examples = st.n_examples
    out.resumed_from = resumed
    if notes:
        out.reason = "; ".join([out.reason] + notes if out.reason else notes)
    return out


def _starts_fresh(task: TenantTask, st: TenantState | None) -> bool:
    return st is None or st.key != task.key or st.step == "done" or (task.fresh and st.step == "started")


def distill_group(tasks: list[TenantTask], settings: Settings, base) -> list[str]:
    """The distill step of several tenants at once, their teacher rows decoded in shared batches
    (`jobs.teacher_group_size`): each tenant gets its data and its "distilled" checkpoint as if it had distilled
    alone, and `run_tenant` goes on from there. Only tenants starting afresh are grouped (a resumed one goes on
    alone), and a group that fails writes nothing: its tenants distill alone in `run_tenant`, which reports each
    one's own error. Returns the tenants distilled here."""
    from memlora.distill.synthesize import synthesize_tenants  # the model stack: loaded only when a tenant trains

    group = [t for t in tasks if _starts_fresh(t, load_state(settings.state_dir, t.tenant))]
    if len(group) < 2:
        return []
    paths = [_Paths.of(settings, t.tenant) for t in group]
    t0 = time.perf_counter()
    try:
        for task, p in zip(group, paths):
            clear_checkpoint(settings.state_dir, task.tenant)  # run_tenant would: these start afresh
            shutil.rmtree(p.distill_root, ignore_errors=True)
            p.data.mkdir(parents=True)
            task.profile.write(p.data / "profile.json")
        metas = synthesize_tenants([t.profile for t in group], base, settings, [p.data for p in paths],
                                   n_examples=group[0].n_examples, show_progress=settings.train.progress)
    except Exception:
        for p in paths:
            shutil.rmtree(p.distill_root, ignore_errors=True)
        return []
    each = round((time.perf_counter() - t0) / len(group), 3)
    for task, meta in zip(group, metas):
        st = TenantState(task.tenant, task.key, token=uuid.uuid4().hex, stage_seconds={"distill": each})
        st.n_examples = int(meta.get("n_train", 0)) + int(meta.get("n_validation", 0))
        save_state(settings.state_dir, st, "distilled")
        task.predistilled = True
    return [t.tenant for t in group]


def _timed(st: TenantState, stage: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    try:
        return fn()
    finally:
        st.stage_seconds[stage] = round(st.stage_seconds.get(stage, 0.0) + time.perf_counter() - t0, 3)


@dataclass(frozen=True)
class _Paths:
    """Where one tenant's night keeps its work, all under its own state directory (forget erases it there)."""

    tenant: Path
    distill_root: Path
    data: Path
    adapter: Path

    @classmethod
    def of(cls, settings: Settings, tenant: str) -> "_Paths":
        tdir, data = tenant_dir(settings.state_dir, tenant), profile_path(settings.state_dir, tenant).parent
        return cls(tdir, data.parent, data, tdir / "adapter")


def _checkpoint(settings: Settings, st: TenantState, step: str) -> None:
    save_state(settings.state_dir, st, step)
    _die_at(step)


def _pipeline(task: TenantTask, settings: Settings, base, st: TenantState, notes: list[str],
              stop_after: str | None = None) -> TenantOutcome | None:
    """Each step runs unless the checkpoint says it finished; the registry keeps the adapter once registered."""
    paths = _Paths.of(settings, task.tenant)
    if not st.reached("distilled"):
        _distill(task, settings, base, st, paths, notes)
    if stop_after == "distilled":
        return None
    if not st.reached("trained"):
        _train(task, settings, base, st, paths)
    if not st.reached("evaluated"):
        _evaluate(task, settings, base, st, paths)
    registry = AdapterRegistry(settings)
    if not st.reached("registered"):
        _register(task, settings, registry, st, paths, notes)
    if not st.reached("promoted"):
        _promote(task, settings, registry, st, notes)
    shutil.rmtree(paths.adapter, ignore_errors=True)
    save_state(settings.state_dir, st, "done")
    return _outcome(task, st)


def _distill(task: TenantTask, settings: Settings, base, st: TenantState, paths: _Paths, notes: list[str]) -> None:
    from memlora.distill.synthesize import synthesize_tenant  # the model stack: loaded only when a tenant trains

    shutil.rmtree(paths.distill_root, ignore_errors=True)
    paths.data.mkdir(parents=True)
    task.profile.write(paths.data / "profile.json")
    meta = _timed(st, "distill", lambda: with_retries(
        lambda: synthesize_tenant(task.profile, base, settings, paths.data, n_examples=task.n_examples,
                                  show_progress=settings.train.progress),
        settings, "distill", notes))
    st.n_examples = int(meta.get("n_train", 0)) + int(meta.get("n_validation", 0))
    _checkpoint(settings, st, "distilled")


def _train(task: TenantTask, settings: Settings, base, st: TenantState, paths: _Paths) -> None:
    from memlora.adapters.train import train_adapter  # the model stack: loaded only when a tenant trains

    shutil.rmtree(paths.adapter, ignore_errors=True)
    res = _timed(st, "train", lambda: train_adapter(base, paths.data, paths.adapter, settings, tenant=task.tenant))
    _trained(settings, st, paths, res)


def _trained(settings: Settings, st: TenantState, paths: _Paths, res) -> None:
    st.train_metrics = _jsonable(dict(res.metrics or {}))
    st.train_metrics["seconds"] = round(float(res.seconds), 3)
    atomic_write_json(paths.tenant / "loss_curve.json", _jsonable(list(res.loss_curve or [])))
    _checkpoint(settings, st, "trained")


def train_together(tasks: list[TenantTask], settings: Settings, base) -> None:
    """Train in one group the tenants whose checkpoint is "distilled", each checkpointed "trained" as `_train` does.

    A tenant the group could not train (its own error, or the group's) keeps its "distilled" checkpoint, so
    `run_tenant` then trains it alone and reports its error the usual way: one tenant's bad data never
    fails the others, and a failed group costs only the retrained tenants' time.
    """
    from memlora.adapters.multitrain import TrainJob, train_adapters  # the model stack: loaded only when tenants train

    ready = []
    for task in tasks:
        st = load_state(settings.state_dir, task.tenant)
        if st is not None and st.key == task.key and st.reached("distilled") and not st.reached("trained"):
            ready.append((st, _Paths.of(settings, task.tenant), task.tenant))
    if len(ready) < 2:
        return
    for _, paths, _ in ready:
        shutil.rmtree(paths.adapter, ignore_errors=True)
    try:
        results = train_adapters(base, [TrainJob(p.data, p.adapter, tenant) for _, p, tenant in ready], settings)
    except Exception:  # the group as a whole failed (e.g. out of memory): each tenant trains alone
        return
    for (st, paths, _), res in zip(ready, results):
        if not isinstance(res, Exception):
            st.stage_seconds["train"] = round(st.stage_seconds.get("train", 0.0) + float(res.seconds), 3)
            _trained(settings, st, paths, res)


def gate_together(tasks: list[TenantTask], settings: Settings, base) -> None:
    """Gate in one group the tenants whose checkpoint is "trained", each checkpointed "evaluated" as `_evaluate` does.

    As `train_together`: a tenant the group could not gate keeps its "trained" checkpoint and `run_tenant` gates
    it alone, so one tenant's failure never fails the others and the whole group's costs only a re-gate.
    """
    from memlora.adapters.group_gate import GateJob, evaluate_group  # the model stack: loaded only when tenants train

    ready = []
    for task in tasks:
        st = load_state(settings.state_dir, task.tenant)
        if st is not None and st.key == task.key and st.reached("trained") and not st.reached("evaluated"):
            ready.append((task, st, _Paths.of(settings, task.tenant)))
    if len(ready) < 2:
        return
    t0 = time.perf_counter()
    try:
        reports = evaluate_group(base, [GateJob(p.adapter, p.data, t.others or None) for t, _, p in ready], settings)
    except Exception:  # the shared batch failed (e.g. out of memory): each tenant is gated alone
        return
    share = round((time.perf_counter() - t0) / len(ready), 3)
    for (_, st, paths), rep in zip(ready, reports):
        if not isinstance(rep, Exception):
            st.stage_seconds["evaluate"] = round(st.stage_seconds.get("evaluate", 0.0) + share, 3)
            _evaluated(settings, st, paths, rep)


def _evaluate(task: TenantTask, settings: Settings, base, st: TenantState, paths: _Paths) -> None:
    from memlora.adapters.evaluate import evaluate_adapter  # the model stack: loaded only when a tenant trains

    rep = _timed(st, "evaluate", lambda: evaluate_adapter(base, paths.adapter, paths.data, settings, others=task.others or None))
    _evaluated(settings, st, paths, rep)


def _evaluated(settings: Settings, st: TenantState, paths: _Paths, rep) -> None:
    st.passed = bool(rep.passed)
    st.reasons = [str(r) for r in (rep.reasons or [])]
    st.gate_metrics = _jsonable(dict(rep.metrics or {}))
    atomic_write_json(paths.tenant / "eval_report.json", {"metrics": st.gate_metrics, "passed": st.passed, "reasons": st.reasons})
    _checkpoint(settings, st, "evaluated")


def _register(task: TenantTask, settings: Settings, registry: AdapterRegistry, st: TenantState, paths: _Paths,
              notes: list[str]) -> None:
    """Adopt the version an interrupted attempt registered with this job's token, else register one."""
    found = None
    if st.step == "registering":
        found = with_retries(lambda: registry.find_by_token(task.tenant, st.token), settings, "registry lookup", notes)
    if found is not None:
        notes.append(f"adopted version {found} registered before the interruption")
        st.version = found
        _checkpoint(settings, st, "registered")
        return
    _checkpoint(settings, st, "registering")
    info = _timed(st, "register", lambda: with_retries(lambda: registry.register(
        task.tenant, paths.adapter,
        profile_path=paths.data / "profile.json",
        eval_report=_eval_report(paths.tenant),
        passed=bool(st.passed),
        params={TOKEN_PARAM: st.token, "examples": st.n_examples},
        metrics=st.gate_metrics,
        loss_curve=read_json(paths.tenant / "loss_curve.json", []),
    ), settings, "register", notes))
    _die_at("register-returned")
    st.version, st.run_id = int(info.version), info.run_id
    if info.champion:
        st.champion_changed = True
    _checkpoint(settings, st, "registered")


def _promote(task: TenantTask, settings: Settings, registry: AdapterRegistry, st: TenantState, notes: list[str]) -> None:
    if st.passed and not st.champion_changed:
        _timed(st, "promote", lambda: with_retries(lambda: registry.promote(task.tenant, st.version), settings, "promote", notes))
        st.champion_changed = True
    _checkpoint(settings, st, "promoted")


def _outcome(task: TenantTask, st: TenantState) -> TenantOutcome:
    return TenantOutcome(
        tenant=task.tenant,
        status="ok" if st.passed else "rejected",
        action="trained" if st.passed else "rejected by gate",
        key=task.key,
        examples=st.n_examples,
        train_seconds=st.stage_seconds.get("train"),
        gate_metrics=dict(st.gate_metrics),
        passed=st.passed,
        version=st.version,
        champion_changed=st.champion_changed,
        reason="; ".join(st.reasons) if not st.passed else "",
        stage_seconds=dict(st.stage_seconds),
    )


def _eval_report(tdir: Path) -> dict:
    """The gate's verdict from its checkpoint (it may come from an earlier, killed process)."""
    d = read_json(tdir / "eval_report.json", {}) or {}
    return {"metrics": d.get("metrics", {}), "passed": bool(d.get("passed")), "reasons": list(d.get("reasons", []))}
