"""A job's own MLflow run: the nightly's summary, counts and stage times, with the tenants' training runs nested
under it, so one night reads as one tree in the UI. Forget rewrites these runs' summaries (forget.py)."""
from __future__ import annotations

import time

from mlflow.entities import RunStatus

from .mlflow_io import Store
from .names import model_name

JOB_KIND_TAG = "memlora.kind"
NIGHTLY = "nightly-job"
SUMMARY_COLUMNS = ["tenant", "action", "status", "examples", "train_seconds", "new_version", "champion_changed", "reason"]


def summary_table(rows: list[dict]) -> dict[str, list[str]]:
    """The summary's rows as the UI's table: one text column each, an empty cell for a missing value."""
    return {c: ["" if r.get(c) is None else str(r.get(c)) for r in rows] for c in SUMMARY_COLUMNS}


def log_job_run(store: Store, experiment_id: str, job_run_id: str, s: dict, ok: bool, versions: dict[str, int]) -> str:
    client = store.client
    start_ms = int((time.time() - s["wall_seconds"]) * 1000)
    run = client.create_run(experiment_id, run_name=f"nightly {job_run_id}", start_time=start_ms,
                            tags={JOB_KIND_TAG: NIGHTLY, "memlora.job_run": job_run_id})
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
        client.log_table(rid, summary_table(s["rows"]), "summary_table.json")
    client.set_terminated(rid, RunStatus.to_string(RunStatus.FINISHED if ok else RunStatus.FAILED))
    _nest(store, rid, versions)
    return rid


def _nest(store: Store, parent: str, versions: dict[str, int]) -> None:
    """The night's tenant runs under its run (`mlflow.parentRunId`), found through their versions."""
    for tenant, version in versions.items():
        child = store.client.get_model_version(model_name(store.settings, tenant), str(version)).run_id
        if child:
            store.client.set_tag(child, "mlflow.parentRunId", parent)
