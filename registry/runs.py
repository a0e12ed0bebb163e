"""One training = one MLflow run: params, stepped loss curve, the gate's headline metrics, artifacts, the model.

Params are flattened (`training.rank`, `lora.target_modules`) and cut to MLflow's
length limit; metric names keep only characters MLflow accepts, so an eval table
from adapters/ is logged whatever its keys.
"""
from __future__ import annotations

import json
import math
import re
import tempfile
import time
import warnings
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag

from . import pyfunc_model, version_page

MAX_PARAM = 6000
_BAD = re.compile(r"[^A-Za-z0-9_\-. /]")


def _key(k: str) -> str:
    return _BAD.sub("_", k)[:250]


def flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(d, dict):
        out: dict[str, Any] = {}
        for k, v in d.items():
            out.update(flatten(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): d}


def as_dict(obj: Any) -> dict:
    if obj is None:
        return {}
    if is_dataclass(obj):
        return asdict(obj)
    if isinstance(obj, dict):
        return obj
    return {k: getattr(obj, k) for k in ("metrics", "passed", "reasons") if hasattr(obj, k)}


def params_for(manifest: dict, extra: dict | None) -> dict[str, str]:
    p: dict[str, Any] = {}
    p.update({f"training.{k}": v for k, v in flatten(manifest.get("training") or {}).items()})
    for k in ("base_fingerprint", "profile_hash", "dataset_hash", "config_hash", "teacher"):
        if manifest.get(k) is not None:
            p[k] = manifest[k]
    p.update(flatten(extra or {}))
    out = {}
    for k, v in p.items():
        s = v if isinstance(v, str) else json.dumps(v, default=str)
        out[_key(k)] = s[:MAX_PARAM]
    return out


def numeric(d: dict) -> dict[str, float]:
    out = {}
    for k, v in flatten(d).items():
        if isinstance(v, bool):
            v = float(v)
        if isinstance(v, (int, float)) and math.isfinite(float(v)):
            out[_key(k)] = float(v)
    return out


def curve_points(loss_curve: Any) -> list[tuple[str, int, float]]:
    """Accepts [loss, ...], [(step, loss), ...] or [{"step": s, "loss": l, "eval_loss": e}, ...].

    Logged as `loss_curve.<key>` so the stepped curve never mixes with final values of the same name.
    """
    pts = []
    for i, p in enumerate(loss_curve or []):
        if isinstance(p, dict):
            step = int(p.get("step", i))
            for k, v in p.items():
                if k != "step" and isinstance(v, (int, float)) and math.isfinite(float(v)):
                    pts.append((f"loss_curve.{_key(k)}", step, float(v)))
        elif isinstance(p, (list, tuple)):
            pts.append(("loss_curve.loss", int(p[0]), float(p[1])))
        else:
            pts.append(("loss_curve.loss", i, float(p)))
    return pts


def log_training(
    client: MlflowClient, run_id: str, adapter_dir: Path, manifest: dict, *, profile_path: Path | None,
    eval_report: Any, params: dict | None, metrics: dict | None, loss_curve: Any, tracking_uri: str,
) -> str:
    """Params, headline metrics, the loss curve, profile, gate table, dataset input, then the model; its logged model id."""
    ended = finished_ms(manifest)
    ev, gate = gate_report(manifest, eval_report, metrics)
    ms = [Metric(k, v, ended, 0) for k, v in numeric(manifest.get("metrics") or {}).items()]
    ms += [Metric(k, v, ended, 0) for k, v in version_page.headline(gate).items()]
    ms += [Metric(k, v, ended, s) for k, s, v in curve_points(loss_curve)]
    ps = [Param(k, v) for k, v in params_for(manifest, params).items()]
    for i in range(0, max(len(ps), len(ms)), 100):
        client.log_batch(run_id, metrics=ms[i : i + 100], params=ps[i : i + 100])
    if profile_path is not None:
        client.log_artifact(run_id, str(profile_path), "profile")
    if ev:
        with tempfile.TemporaryDirectory() as t:
            (Path(t) / "eval.json").write_text(json.dumps(ev, indent=2, default=str))
            client.log_artifact(run_id, str(Path(t) / "eval.json"), "eval")
    rows = version_page.gate_rows(gate)
    if rows:
        client.log_table(run_id, pd.DataFrame(rows), "eval/gate_table.json")
    if profile_path is not None:
        log_dataset(client, run_id, Path(profile_path).parent / "dataset", manifest)
    return pyfunc_model.log(adapter_dir, run_id, tracking_uri)


def gate_report(manifest: dict, eval_report: Any, metrics: dict | None) -> tuple[dict, dict]:
    """(the report as given or from memlora.json, its metrics; else `metrics`)."""
    ev = as_dict(eval_report) or (manifest.get("eval") or {})
    return ev, (ev.get("metrics", ev) if isinstance(ev, dict) else {}) or metrics or {}


def describe_version(tenant: str, verdict: str, stamp: str, manifest: dict, profile_path: Path | None,
                     eval_report: Any, metrics: dict | None) -> str:
    ev, gate = gate_report(manifest, eval_report, metrics)
    return version_page.description(
        tenant, verdict, stamp, version_page.profile_items(profile_path), version_page.gate_rows(gate),
        [str(r) for r in (ev.get("reasons") or [])] if isinstance(ev, dict) else [],
        str(manifest.get("base_fingerprint", "")), str(manifest.get("dataset_hash") or ""), version_page.item_results(gate))


def version_tags(manifest: dict, eval_report: Any, metrics: dict | None) -> dict[str, str]:
    """The per-item verdict as version tags (`items.carried` = count, `items.carried.ids` = ids, per verdict)."""
    return version_page.item_tags(gate_report(manifest, eval_report, metrics)[1])


def finished_ms(manifest: dict) -> int:
    """When training ended (the manifest is written then), in ms; now for a manifest without a time."""
    try:
        return int(datetime.fromisoformat(str(manifest["created_at"]).replace("Z", "+00:00")).timestamp() * 1000)
    except (KeyError, ValueError):
        return int(time.time() * 1000)


def started_ms(manifest: dict) -> int:
    """Training start: its end minus the seconds training measured, so the run's duration is the training's."""
    secs = (manifest.get("metrics") or {}).get("seconds")
    return finished_ms(manifest) - int(float(secs) * 1000 if isinstance(secs, (int, float)) else 0)


def log_dataset(client: MlflowClient, run_id: str, dataset_dir: Path, manifest: dict) -> None:
    """distill's train split as the run's dataset input (schema, rows, digest = the manifest's dataset hash)."""
    if not (dataset_dir / "dataset_dict.json").is_file():
        return
    import mlflow.data
    from datasets import load_from_disk
    from mlflow.entities import DatasetInput, InputTag

    train = load_from_disk(str(dataset_dir))["train"]
    with warnings.catch_warnings():  # a local path matches two of MLflow's source kinds; it picks the right one
        warnings.filterwarnings("ignore", message=".*dataset source can be interpreted in multiple ways", category=UserWarning)
        ds = mlflow.data.from_pandas(train.to_pandas(), source=str(dataset_dir), name=f"{manifest.get('tenant_key', 'tenant')}-train",
                                     digest=str(manifest.get("dataset_hash") or "")[:36] or None)
    client.log_inputs(run_id, [DatasetInput(ds._to_mlflow_entity(), tags=[InputTag("mlflow.data.context", "training")])])


def run_tags(tenant: str, key: str, manifest: dict, verdict: str) -> list[RunTag]:
    return [RunTag("tenant", tenant), RunTag("tenant_key", key), RunTag("verdict", verdict),
            RunTag("base_fingerprint", str(manifest.get("base_fingerprint", "")))]
