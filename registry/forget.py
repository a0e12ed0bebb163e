"""Right to be forgotten: remove every trace of one tenant from the registry, the runs and the caches.

MLflow deletes are soft: `delete_run` only marks a run deleted, its params,
metrics and artifacts stay until `mlflow gc`. So forget does what `mlflow gc
--run-ids` does, scoped to this tenant's runs, with MLflow's own machinery
(`get_artifact_repository(...).delete_artifacts()`, then the tracking store's
`_hard_delete_run`, the method `mlflow gc` calls); registered models and their
versions are hard-deleted by the registry store already. SQLite keeps deleted
rows in free pages, so an SQLite store is then VACUUMed (the file is rewritten);
PostgreSQL/MySQL drop the rows from query results at once and reclaim the space
with their own (auto)vacuum.
Against a remote `mlflow server`, purging needs its database: set
`registry.backend_store_uri`; without it the runs are soft-deleted, their
artifacts removed through the server, and the report says `mlflow gc` must run.
"""
from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING

from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException
from mlflow.store.artifact.artifact_repository_registry import get_artifact_repository

from memlora.keys import tenant_key

from . import cache, mlflow_io
from .names import model_name
from .records import ForgetReport

if TYPE_CHECKING:
    from .store import AdapterRegistry


def _tenant_runs(reg: AdapterRegistry, tenant: str) -> list:
    exp = reg.client.get_experiment_by_name(reg.settings.registry.experiment)
    if exp is None:
        return []
    key = tenant_key(tenant).replace("'", "''")
    out, token = [], None
    while True:
        page = reg._retry(lambda: reg.client.search_runs(
            [exp.experiment_id], filter_string=f"tags.tenant_key = '{key}'", run_view_type=ViewType.ALL,
            max_results=1000, page_token=token))
        out.extend(page)
        token = page.token
        if not token:
            return out


def forget_tenant(reg: AdapterRegistry, tenant: str) -> ForgetReport:
    s = reg.settings
    report = ForgetReport(tenant=tenant)
    name = model_name(s, tenant)
    run_ids = set()
    try:
        mvs = reg._retry(lambda: list(reg.client.search_model_versions(f"name = '{name}'")))
        reg._retry(lambda: reg.client.get_registered_model(name))
        report.registered_model = name
    except MlflowException as e:
        if not mlflow_io.not_found(e):
            raise
        mvs = []
    for mv in mvs:
        report.versions.append(int(mv.version))
        if mv.run_id:
            run_ids.add(mv.run_id)
    if report.registered_model:
        reg._retry(lambda: reg.client.delete_registered_model(name))
    runs = {r.info.run_id: r for r in _tenant_runs(reg, tenant)}
    for rid in run_ids - set(runs):
        try:
            runs[rid] = reg._retry(lambda: reg.client.get_run(rid))
        except MlflowException as e:
            if not mlflow_io.not_found(e):
                raise
    for rid, run in runs.items():
        repo = get_artifact_repository(run.info.artifact_uri, tracking_uri=s.tracking_uri)
        try:
            repo.delete_artifacts()
            report.artifacts.append(run.info.artifact_uri)
        except Exception as e:  # noqa: BLE001 - recorded in the report, the rest of the purge goes on
            report.notes.append(f"artifacts of run {rid} at {run.info.artifact_uri}: {type(e).__name__}: {str(e)[:200]}")
        if run.info.lifecycle_stage != "deleted":
            reg._retry(lambda: reg.client.delete_run(rid))
        report.runs.append(rid)
    report.purged = _purge(reg, list(runs), report)
    report.cache_dirs = cache.drop_tenant(s.adapter_cache_dir, tenant)
    return report


def _purge(reg: AdapterRegistry, run_ids: list[str], report: ForgetReport) -> bool:
    uri = mlflow_io.backend_store_uri(reg.settings)
    if uri is None:
        report.notes.append(
            f"runs are soft-deleted on {reg.settings.tracking_uri}; set registry.backend_store_uri to purge them here, "
            f"or run `mlflow gc --run-ids {','.join(run_ids)}` on the server")
        return False
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    store = SqlAlchemyStore(uri, reg.settings.artifact_root.resolve().as_uri())
    for rid in run_ids:
        try:
            mlflow_io.retry(reg.settings, lambda: store._hard_delete_run(rid))
        except MlflowException as e:
            if not mlflow_io.not_found(e):
                raise
    store.engine.dispose()
    if uri.startswith("sqlite:"):
        _vacuum(uri[len("sqlite:///"):], reg.settings.registry.lock_retries)
    return True


def _vacuum(path: str, retries: int) -> None:
    """Rewrite the SQLite file so deleted rows do not linger in free pages (retried while another process writes)."""
    for attempt in range(max(1, retries)):
        con = sqlite3.connect(path, timeout=10)
        try:
            con.execute("VACUUM")
            return
        except sqlite3.OperationalError as e:
            if attempt == retries - 1 or "locked" not in str(e) and "in progress" not in str(e):
                raise
            time.sleep(0.1 * (attempt + 1))
        finally:
            con.close()
