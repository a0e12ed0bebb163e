"""Right to be forgotten: remove every trace of one tenant from the registry, the runs, the caches and local state.

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
Hard-deleting a run leaves what MLflow 3 links to it: dataset inputs (`inputs`,
`input_tags`, `datasets` rows) and logged models; forget deletes those too.
Outside MLflow it erases the tenant's local state (memlora.tenant_data) and
rewrites the nightly job runs' summaries that name the tenant. Every forget is
audited (memlora.audit) with the tenant as its keyed hash.
"""
from __future__ import annotations

import json
import sqlite3
import tempfile

from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException
from mlflow.store.artifact.artifact_repository_registry import get_artifact_repository

from memlora.keys import tenant_key
from memlora.pseudonym import tenant_ref
from memlora.tenant_data import erase_local, redact_rows

from memlora import audit, retry

from . import cache, mlflow_io
from .job_runs import JOB_KIND_TAG, NIGHTLY, SUMMARY_COLUMNS
from .mlflow_io import Store
from .names import model_name
from .records import ForgetReport


def _tenant_runs(reg: Store, tenant: str) -> list:
    exp = reg.client.get_experiment_by_name(reg.settings.registry.experiment)
    if exp is None:
        return []
    key = tenant_key(tenant).replace("'", "''")
    out, token = [], None
    while True:
        page = reg.call(lambda: reg.client.search_runs(
            [exp.experiment_id], filter_string=f"tags.tenant_key = '{key}'", run_view_type=ViewType.ALL,
            max_results=1000, page_token=token))
        out.extend(page)
        token = page.token
        if not token:
            return out


def forget_tenant(reg: Store, tenant: str, actor: str | None = None) -> ForgetReport:
    """Registry, run links, local state, job summaries; audited (started, then the outcome) under `actor`."""
    actor = actor or audit.local_actor()
    audit.record(reg.settings, "forget", tenant, actor, "started")
    try:
        report = _forget(reg, tenant)
    except Exception as e:
        audit.record(reg.settings, "forget", tenant, actor, f"failed: {type(e).__name__}")
        raise
    audit.record(reg.settings, "forget", tenant, actor, "ok" if report.purged or not report.runs else "partial",
                 versions=len(report.versions), runs=len(report.runs), logged_models=len(report.logged_models),
                 local_paths=len(report.local), job_runs_redacted=len(report.job_runs), purged=report.purged)
    return report


def _forget(reg: Store, tenant: str) -> ForgetReport:
    s = reg.settings
    report = ForgetReport(tenant=tenant)
    name = model_name(s, tenant)
    run_ids = set()
    try:
        mvs = reg.call(lambda: list(reg.client.search_model_versions(f"name = '{name}'")))
        reg.call(lambda: reg.client.get_registered_model(name))
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
        reg.call(lambda: reg.client.delete_registered_model(name))
    runs = {r.info.run_id: r for r in _tenant_runs(reg, tenant)}
    for rid in run_ids - set(runs):
        try:
            runs[rid] = reg.call(lambda: reg.client.get_run(rid))
        except MlflowException as e:
            if not mlflow_io.not_found(e):
                raise
    models = _logged_models(reg, runs)
    for rid, run in runs.items():
        _delete_artifacts(s, run.info.artifact_uri, f"run {rid}", report)
        if run.info.lifecycle_stage != "deleted":
            reg.call(lambda: reg.client.delete_run(rid))
        report.runs.append(rid)
    for m in models:
        _delete_artifacts(s, m.artifact_location, f"logged model {m.model_id}", report)
        reg.call(lambda: reg.client.delete_logged_model(m.model_id))
        report.logged_models.append(m.model_id)
    report.cache_dirs = cache.drop_tenant(s.adapter_cache_dir, tenant)
    ref = tenant_ref(s, tenant)
    report.local = erase_local(s, tenant, ref)
    report.job_runs = _redact_job_runs(reg, tenant, ref, report)
    report.purged = _purge(reg, list(runs), report.logged_models, report)
    return report


def _logged_models(reg: Store, runs: dict) -> list:
    """MLflow 3 logged models made by (or recorded as outputs of) the tenant's runs: hard-deleting a run leaves them."""
    out: dict[str, object] = {}
    for rid, run in runs.items():
        exp = run.info.experiment_id
        found = reg.call(lambda: reg.client.search_logged_models([exp], filter_string=f"source_run_id = '{rid}'"))
        out.update({m.model_id: m for m in found})
        for o in getattr(getattr(run, "outputs", None), "model_outputs", None) or []:
            if o.model_id not in out:
                try:
                    out[o.model_id] = reg.call(lambda: reg.client.get_logged_model(o.model_id))
                except MlflowException as e:
                    if not mlflow_io.not_found(e):
                        raise
    return list(out.values())


def _delete_artifacts(s, uri: str, what: str, report: ForgetReport) -> None:
    try:
        get_artifact_repository(uri, tracking_uri=s.tracking_uri).delete_artifacts()
        report.artifacts.append(uri)
    except Exception as e:  # noqa: BLE001 - recorded in the report, the rest of the purge goes on
        report.notes.append(f"artifacts of {what} at {uri}: {type(e).__name__}: {str(e)[:200]}")


def _redact_job_runs(reg: Store, tenant: str, ref: str, report: ForgetReport) -> list[str]:
    """The nightly's own MLflow runs keep a summary naming each tenant: rewrite those naming this one."""
    exp = reg.client.get_experiment_by_name(reg.settings.registry.experiment)
    if exp is None:
        return []
    done, token = [], None
    while True:
        page = reg.call(lambda: reg.client.search_runs(
            [exp.experiment_id], filter_string=f"tags.`{JOB_KIND_TAG}` = '{NIGHTLY}'", max_results=1000, page_token=token))
        for run in page:
            rid = run.info.run_id
            with tempfile.TemporaryDirectory() as t:
                try:
                    path = reg.call(lambda: reg.client.download_artifacts(rid, "summary.json", t))
                    summary = json.loads(open(path, encoding="utf-8").read())
                except Exception as e:  # noqa: BLE001 - reported: an operator must check that run by hand
                    report.notes.append(f"job run {rid}: summary not readable ({type(e).__name__}: {str(e)[:200]})")
                    continue
            if not redact_rows(summary, tenant, ref):
                continue
            reg.call(lambda: reg.client.log_dict(rid, summary, "summary.json"))
            cols = SUMMARY_COLUMNS
            table = {"columns": cols, "data": [["" if r.get(c) is None else str(r.get(c)) for c in cols] for r in summary["rows"]]}
            reg.call(lambda: reg.client.log_dict(rid, table, "summary_table.json"))
            done.append(rid)
        token = page.token
        if not token:
            return done


def _purge(reg: Store, run_ids: list[str], model_ids: list[str], report: ForgetReport) -> bool:
    uri = mlflow_io.backend_store_uri(reg.settings)
    if uri is None:
        report.notes.append(
            f"runs are soft-deleted on {reg.settings.tracking_uri}; set registry.backend_store_uri to purge them here, "
            f"or run `mlflow gc --run-ids {','.join(run_ids)}` on the server")
        return False
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    store = SqlAlchemyStore(uri, reg.settings.artifact_root.resolve().as_uri())
    _hard_delete(reg, store._hard_delete_run, run_ids)
    _hard_delete(reg, store._hard_delete_logged_model, model_ids)
    mlflow_io.retry_locked(reg.settings, lambda: _purge_links(store, run_ids + model_ids), "purge run links")
    store.engine.dispose()
    if uri.startswith("sqlite:"):
        _vacuum(reg.settings, uri[len("sqlite:///"):])
    return True


def _purge_links(store, ids: list[str]) -> None:
    """Rows `_hard_delete_run` leaves: the runs' dataset inputs (and datasets no other run uses), model links."""
    from mlflow.store.tracking.dbmodels.models import SqlDataset, SqlInput, SqlInputTag

    if not ids:
        return
    with store.ManagedSessionMaker(read_only=False) as session:
        links = session.query(SqlInput).filter(SqlInput.destination_id.in_(ids) | SqlInput.source_id.in_(ids)).all()
        uuids = [i.input_uuid for i in links]
        datasets = {i.source_id for i in links if i.source_type == "DATASET"}
        if uuids:
            session.query(SqlInputTag).filter(SqlInputTag.input_uuid.in_(uuids)).delete(synchronize_session=False)
            session.query(SqlInput).filter(SqlInput.input_uuid.in_(uuids)).delete(synchronize_session=False)
        for d in datasets:
            if not session.query(SqlInput).filter(SqlInput.source_id == d).first():
                session.query(SqlDataset).filter(SqlDataset.dataset_uuid == d).delete(synchronize_session=False)


def _vacuum(settings, path: str) -> None:
    """Rewrite the SQLite file so deleted rows do not linger in free pages (retried while another process writes)."""
    def busy(e: BaseException) -> bool:
        return isinstance(e, sqlite3.OperationalError) and ("locked" in str(e) or "in progress" in str(e))

    def vacuum() -> None:
        con = sqlite3.connect(path, timeout=10)
        try:
            con.execute("VACUUM")
        finally:
            con.close()

    retry.call(vacuum, "VACUUM", retry.lock_policy(settings), busy)


def _hard_delete(reg: Store, delete, ids: list[str]) -> None:
    """Hard-delete each id with the store's own delete; one already gone counts as deleted."""
    for i in ids:
        try:
            mlflow_io.retry_locked(reg.settings, lambda: delete(i), "hard delete")
        except MlflowException as e:
            if not mlflow_io.not_found(e):
                raise
