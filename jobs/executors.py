"""Where the per-tenant pipeline runs: one after another here, or as Ray tasks.

Both executors call the same `run_tenant` with the same checkpoints, so a job
started with one can be resumed with the other. Local loads the base once and
trains tenants in turn on the one device; with `jobs.teacher_group_size` k > 1 it
first distills each run of k tenants together (their teacher rows in shared
batches). Ray sends one task per tenant with its CPU/GPU needs declared and lets the cluster place them; each task loads the base
itself (a Ray worker has no driver memory to share), and the state directory and
MLflow store must be reachable from every node (a shared volume and a tracking
server on a real cluster; on one machine both are local).
"""
from __future__ import annotations

from typing import Callable

from memlora.errors import MemloraError
from memlora.runtime.base import load_base
from memlora.settings import Settings

from .tenant import TenantOutcome, TenantTask, distill_group, run_tenant

Callback = Callable[[TenantOutcome], None]
StartCallback = Callable[[TenantTask], None]


def run_local(tasks: list[TenantTask], settings: Settings, on_done: Callback | None = None,
              on_start: StartCallback | None = None) -> list[TenantOutcome]:
    if not tasks:
        return []
    base = load_base(settings)
    out = []
    k = settings.jobs.teacher_group_size
    for i, task in enumerate(tasks):
        if k > 1 and i % k == 0:
            distill_group(tasks[i:i + k], settings, base)
        if on_start:
            on_start(task)
        res = run_tenant(task, settings, base)
        out.append(res)
        if on_done:
            on_done(res)
    return out


def _ray_tenant(task: TenantTask, settings_dump: dict) -> TenantOutcome:
    settings = Settings(**settings_dump)
    return run_tenant(task, settings, load_base(settings))


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
        remote = ray.remote(num_cpus=settings.jobs.cpus_per_task, num_gpus=gpus_per_task(settings), max_retries=0)(_ray_tenant)
        dump = settings.model_dump(mode="json")
        refs = {}
        for task in tasks:
            refs[remote.remote(task, dump)] = task
            if on_start:
                on_start(task)
        pending, out = list(refs), []
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                task = refs[ref]
                try:
                    res = ray.get(ref)
                except RayError as e:  # the worker died (OOM, node lost): that tenant fails, the job goes on
                    res = TenantOutcome.failure(task, f"ray task failed: {str(e).strip().splitlines()[-1][:300]}")
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
