"""What a night did: the JobReport handed back to the CLI and its summary, the one record that
`summary.json`, the MLflow job run and the console table are all written from."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .plan import TenantPlan
from .tenant import TenantOutcome

STAGES = ("distill", "train", "evaluate", "register", "promote")


@dataclass
class JobReport:
    run_id: str
    exit_code: int
    plans: list[TenantPlan]
    outcomes: list[TenantOutcome] = field(default_factory=list)
    forgotten: list[dict] = field(default_factory=list)  # {"tenant", "ref" (its keyed hash), "ok", "detail", "servers"}
    vanished: list[str] = field(default_factory=list)
    server_calls: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    summary_path: Path | None = None
    mlflow_run_id: str | None = None


def _rows(report: JobReport) -> list[dict]:
    plans = {p.tenant: p for p in report.plans}
    rows = []
    for o in report.outcomes:
        plan = plans.get(o.tenant)
        rows.append({
            "tenant": o.tenant, "action": o.action, "status": o.status, "why": plan.reason if plan else "",
            "examples": o.examples, "train_seconds": o.train_seconds, "gate_metrics": o.gate_metrics,
            "passed": o.passed, "new_version": o.version, "champion_changed": o.champion_changed,
            "reason": o.reason, "resumed_from": o.resumed_from, "stage_seconds": o.stage_seconds,
        })
    for f in report.forgotten:  # the keyed hash: a forgotten tenant's id is not kept, not even here
        rows.append({"tenant": f["ref"], "action": "forgotten", "status": "ok" if f["ok"] else "failed", "reason": f["detail"]})
    for t in report.vanished:
        rows.append({"tenant": t, "action": "missing from export (kept)", "status": "ok", "reason": ""})
    return rows


def _counts(report: JobReport, profiles: dict) -> dict[str, int]:
    return {
        "tenants": len(report.plans),
        "trained": sum(o.status == "ok" for o in report.outcomes),
        "rejected": sum(o.status == "rejected" for o in report.outcomes),
        "failed": sum(o.status == "failed" for o in report.outcomes) + sum(not f["ok"] for f in report.forgotten),
        "unchanged": sum(not p.runs for p in report.plans),
        "forgotten": len(report.forgotten),
        "vanished": len(report.vanished),
        "champions_changed": sum(o.champion_changed for o in report.outcomes),
        "profiles_built": profiles.get("built", 0),
    }


def build_summary(report: JobReport, memory, executor: str, n: int, t_start: float, consolidate_s: float,
                  profiles: dict | None = None) -> dict:
    stage_tot = {s: 0.0 for s in STAGES}
    for o in report.outcomes:
        for s, v in o.stage_seconds.items():
            stage_tot[s] = stage_tot.get(s, 0.0) + v
    return {
        "run_id": report.run_id, "memory": str(memory), "executor": executor, "examples_per_tenant": n,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t_start)), "wall_seconds": round(time.time() - t_start, 3),
        "consolidate_seconds": round(consolidate_s, 3), "profiles": profiles or {}, "stage_seconds": {k: round(v, 3) for k, v in stage_tot.items()},
        "counts": _counts(report, profiles or {}), "exit_code": report.exit_code, "rows": _rows(report), "server_calls": report.server_calls,
    }
