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

from memlora.errors import MemloraError
from memlora.keys import tenant_key
from memlora.settings import Settings

from .state import TenantState, atomic_write_json, clear_checkpoint, load_state, read_json, save_state, tenant_dir

TOKEN_PARAM = "memlora.job_token"
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
    delay = settings.jobs.backoff_seconds
    for attempt in range(settings.jobs.retries + 1):
        try:
            return fn()
        except Exception as e:
            if attempt >= settings.jobs.retries or not is_transient(e):
                raise
            log.append(f"{what}: transient error ({type(e).__name__}: {str(e)[:120]}), retry {attempt + 1} in {delay:.1f}s")
            time.sleep(delay)
            delay *= 2


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


def find_registered(registry, settings: Settings, tenant: str, token: str):
    """The version a previous, killed attempt registered with `token`, or None."""
    from memlora.registry.mlflow_io import make_client
    from memlora.registry.names import model_name

    client = make_client(settings)
    try:
        versions = client.search_model_versions(f"name = '{model_name(settings, tenant)}'")
    except Exception as e:
        if "RESOURCE_DOES_NOT_EXIST" in str(e) or "not found" in str(e).lower():
            return None
        raise
    for mv in versions:
        if (mv.tags or {}).get(TOKEN_PARAM) == token:
            return int(mv.version)
        if mv.run_id:
            try:
                run = client.get_run(mv.run_id)
            except Exception:
                continue
            if run.data.params.get(TOKEN_PARAM) == token or run.data.tags.get(TOKEN_PARAM) == token:
                return int(mv.version)
    return None


def run_tenant(task: TenantTask, settings: Settings, base) -> TenantOutcome:
    """Never raises for a tenant-level problem: the outcome says what failed and why."""
    sdir = settings.state_dir
    st = load_state(sdir, task.tenant)
    resumed = None
    if st is None or st.key != task.key or st.step == "done" or (task.fresh and st.step == "started"):
        clear_checkpoint(sdir, task.tenant)
        st = TenantState(task.tenant, task.key, token=uuid.uuid4().hex)
    else:
        resumed = st.step
    st.attempts += 1
    st.error = None
    save_state(sdir, st)
    notes: list[str] = []
    try:
        out = _pipeline(task, settings, base, st, notes)
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


def _timed(st: TenantState, stage: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    try:
        return fn()
    finally:
        st.stage_seconds[stage] = round(st.stage_seconds.get(stage, 0.0) + time.perf_counter() - t0, 3)


def _pipeline(task: TenantTask, settings: Settings, base, st: TenantState, notes: list[str]) -> TenantOutcome:
    from memlora.adapters.evaluate import evaluate_adapter
    from memlora.adapters.train import train_adapter
    from memlora.distill.synthesize import synthesize_tenant
    from memlora.registry.store import AdapterRegistry

    sdir = settings.state_dir
    tdir = tenant_dir(sdir, task.tenant)
    distill_root = tdir / "distill"
    data_dir = distill_root / tenant_key(task.tenant)
    adapter_dir = tdir / "adapter"

    if not st.reached("distilled"):
        shutil.rmtree(distill_root, ignore_errors=True)
        data_dir.mkdir(parents=True)
        task.profile.write(data_dir / "profile.json")
        meta = _timed(st, "distill", lambda: with_retries(
            lambda: synthesize_tenant(task.profile, base, settings, data_dir, n_examples=task.n_examples,
                                      show_progress=settings.train.progress),
            settings, "distill", notes))
        st.n_examples = int(meta.get("n_train", 0)) + int(meta.get("n_validation", 0))
        save_state(sdir, st, "distilled")
        _die_at("distilled")

    if not st.reached("trained"):
        shutil.rmtree(adapter_dir, ignore_errors=True)
        res = _timed(st, "train", lambda: train_adapter(base, data_dir, adapter_dir, settings, tenant=task.tenant))
        st.train_metrics = _jsonable(dict(res.metrics or {}))
        st.train_metrics["seconds"] = round(float(res.seconds), 3)
        atomic_write_json(tdir / "loss_curve.json", _jsonable(list(res.loss_curve or [])))
        save_state(sdir, st, "trained")
        _die_at("trained")

    if not st.reached("evaluated"):
        rep = _timed(st, "evaluate", lambda: evaluate_adapter(base, adapter_dir, data_dir, settings, others=task.others or None))
        st.passed = bool(rep.passed)
        st.reasons = [str(r) for r in (rep.reasons or [])]
        st.gate_metrics = _jsonable(dict(rep.metrics or {}))
        atomic_write_json(tdir / "eval_report.json", {"metrics": st.gate_metrics, "passed": st.passed, "reasons": st.reasons})
        save_state(sdir, st, "evaluated")
        _die_at("evaluated")

    registry = AdapterRegistry(settings)
    if not st.reached("registered"):
        found = None
        if st.step == "registering":
            found = with_retries(lambda: find_registered(registry, settings, task.tenant, st.token), settings, "registry lookup", notes)
        if found is None:
            save_state(sdir, st, "registering")
            _die_at("registering")
            rep = _eval_report(tdir)
            info = _timed(st, "register", lambda: with_retries(lambda: registry.register(
                task.tenant, adapter_dir,
                profile_path=data_dir / "profile.json",
                eval_report=rep,
                passed=bool(st.passed),
                params={TOKEN_PARAM: st.token, "examples": st.n_examples},
                metrics=st.gate_metrics,
                loss_curve=read_json(tdir / "loss_curve.json", []),
            ), settings, "register", notes))
            _die_at("register-returned")
            st.version, st.run_id = int(info.version), info.run_id
            if info.champion:
                st.champion_changed = True
        else:
            notes.append(f"adopted version {found} registered before the interruption")
            st.version = found
        save_state(sdir, st, "registered")
        _die_at("registered")

    if not st.reached("promoted"):
        if st.passed and not st.champion_changed:
            _timed(st, "promote", lambda: with_retries(lambda: registry.promote(task.tenant, st.version), settings, "promote", notes))
            st.champion_changed = True
        save_state(sdir, st, "promoted")
        _die_at("promoted")

    shutil.rmtree(adapter_dir, ignore_errors=True)  # the registry holds the artifact now
    save_state(sdir, st, "done")
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
