"""Where the per-tenant pipeline runs: one after another here, or as Ray tasks.

Both executors call the same `run_tenant` with the same checkpoints, so a job
started with one can be resumed with the other. Local loads the base once and
trains tenants in turn on the one device; with `jobs.teacher_group_size` k > 1 it
first distills each run of k tenants together (their teacher rows in shared
batches). Ray sends one task per tenant with its CPU/GPU needs declared and lets the cluster place them; each task loads the base
itself (a Ray worker has no driver memory to share), and the state directory and
MLflow store must be reachable from every node (a shared volume and a tracking
server on a real cluster; on one machine both are local). With `train.multi_tenant` = k > 1 the unit is a
group of k tenants (one Ray task each) whose adapters train together after each one's distill step.
"""
from __future__ import annotations

from typing import Callable

from memlora.errors import MemloraError
from memlora.runtime.base import load_base
from memlora.settings import Settings

from .tenant import TenantOutcome, TenantTask, distill_group, gate_together, run_tenant, train_together

Callback = Callable[[TenantOutcome], None]
StartCallback = Callable[[TenantTask], None]


def run_local(tasks: list[TenantTask], settings: Settings, on_done: Callback | None = None,
              on_start: StartCallback | None = None) -> list[TenantOutcome]:
    """Runs of `jobs.teacher_group_size` tenants distil in shared teacher batches, then train in groups of
    `train.multi_tenant` within the run (all tenants are one run when the teacher is not shared)."""
    if not tasks:
        return []
    base = load_base(settings)
    out = []
    k = settings.jobs.teacher_group_size
    for chunk in ([tasks[i:i + k] for i in range(0, len(tasks), k)] if k > 1 else [tasks]):
        if k > 1:
            distill_group(chunk, settings, base)
        for group in groups(chunk, settings):
            out += run_group(group, settings, base, on_done, on_start)
    return out


def groups(tasks: list[TenantTask], settings: Settings) -> list[list[TenantTask]]:
    """The tenants that train together: `train.multi_tenant` at a time, in the plan's order."""
    k = settings.train.multi_tenant
    return [tasks[i:i + k] for i in range(0, len(tasks), k)]


def run_group(group: list[TenantTask], settings: Settings, base, on_done: Callback | None = None,
              on_start: StartCallback | None = None) -> list[TenantOutcome]:
    """One tenant alone as always; several: each distils, they train together, with `jobs.gate_group` they are
    gated together, then each goes on alone (its gate unless done, registration and promotion), every step
    behind the same checkpoints."""
    if len(group) == 1:
        if on_start:
            on_start(group[0])
        res = run_tenant(group[0], settings, base)
        if on_done:
            on_done(res)
        return [res]
    failed = {}
    for task in group:
        if on_start:
            on_start(task)
        res = run_tenant(task, settings, base, stop_after="distilled")
        if res is not None:
            failed[task.tenant] = res
    train_together([t for t in group if t.tenant not in failed], settings, base)
    if settings.jobs.gate_group:
        gate_together([t for t in group if t.tenant not in failed], settings, base)
    out = []
    for task in group:
        res = failed.get(task.tenant) or run_tenant(task, settings, base)
        out.append(res)
        if on_done:
            on_done(res)
    return out


def _ray_group(group: list[TenantTask], settings_dump: dict) -> list[TenantOutcome]:
    settings = Settings(**settings_dump)
    return run_group(group, settings, load_base(settings))


def gpus_per_task(settings: Settings) -> float:
    if settings.jobs.gpus_per_task is not None:
        return settings.jobs.gpus_per_task
    if settings.device == "cpu":
        return 0.0
    try:
        import torch

        return 1.0 if torch.cuda.is_available() else 0.0
    except ImportError:
        return 0.0


def run_ray(tasks: list[TenantTask], settings: Settings, on_done: Callback | None = None,
            on_start: StartCallback | None = None) -> list[TenantOutcome]:
    if not tasks:
        return []
    try:
        import ray
        from ray.exceptions import RayError
    except ImportError:
        raise MemloraError("--executor ray needs Ray: pip install 'memlora[ray]'") from None
    started_here = not ray.is_initialized()
    if started_here:
        kw = {"address": settings.jobs.ray_address} if settings.jobs.ray_address else {"include_dashboard": False}
        try:
            ray.init(ignore_reinit_error=True, log_to_driver=False, **kw)
        except Exception as e:
            raise MemloraError(f"cannot start or reach Ray (address {settings.jobs.ray_address or 'local'}): {e}") from None
    try:
        remote = ray.remote(num_cpus=settings.jobs.cpus_per_task, num_gpus=gpus_per_task(settings), max_retries=0)(_ray_group)
        dump = settings.model_dump(mode="json")
        refs = {}
        for group in groups(tasks, settings):
            refs[remote.remote(group, dump)] = group
            for task in group:
                if on_start:
                    on_start(task)
        pending, out = list(refs), []
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                try:
                    results = ray.get(ref)
                except RayError as e:  # the worker died (OOM, node lost): its tenants fail, the job goes on
                    why = f"ray task failed: {str(e).strip().splitlines()[-1][:300]}"
                    results = [TenantOutcome.failure(task, why) for task in refs[ref]]
                for res in results:
                    out.append(res)
                    if on_done:
                        on_done(res)
        return out
    finally:
        if started_here:
            ray.shutdown()


def run_tasks(executor: str, tasks, settings, on_done=None, on_start=None) -> list[TenantOutcome]:
    if executor == "local":
        return run_local(tasks, settings, on_done, on_start)
    if executor == "ray":
        return run_ray(tasks, settings, on_done, on_start)
    raise MemloraError(f"unknown executor {executor!r} (use local or ray)")
