"""Forget removes what MLflow's hard delete leaves (dataset inputs, MLflow 3 logged models) and leaves an audit trail
that names no tenant; the keyed hash behind it and the audit log's rotation."""
from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from click.testing import CliRunner
from mlflow.entities import Dataset, DatasetInput, InputTag, LoggedModelOutput

from memlora import audit
from memlora.keys import tenant_key
from memlora.pseudonym import secret_path, tenant_ref
from memlora.registry.store import AdapterRegistry
from registry_fixtures import make_adapter, make_profile, seed_store


def _db_rows(settings, needle: str) -> list[str]:
    con = sqlite3.connect(settings.mlflow_dir / "mlflow.db")
    try:
        hits = []
        for (tbl,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f"select * from '{tbl}'"):
                if any(isinstance(v, str) and needle in v for v in row):
                    hits.append(tbl)
        return hits
    finally:
        con.close()


def _grep(root, needle: bytes) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_forget_removes_dataset_inputs_and_logged_models_and_is_audited(settings, tiny_base, tmp_path, monkeypatch):
    from memlora.cli import main

    seed_store(settings, tmp_path)
    reg = AdapterRegistry(settings)
    secret = f"DSET{uuid.uuid4().hex}"
    gone, kept = f"gone {uuid.uuid4().hex[:6]}", "kept"
    v = reg.register(gone, make_adapter(tiny_base, tmp_path / "w", gone), profile_path=make_profile(tmp_path / "w", gone, "x"))
    reg.register(kept, make_adapter(tiny_base, tmp_path / "w", kept))
    c = reg.client
    exp = reg.experiment_id
    # besides the version's own logged model and dataset input, what a training script logging through MLflow's own APIs
    # leaves behind, all naming the tenant's memory
    ds = Dataset(name=f"memory-{secret}", digest=secret[:30], source_type="local", source=f"/data/{secret}.jsonl",
                 profile=json.dumps({"note": secret}))
    c.log_inputs(v.run_id, datasets=[DatasetInput(ds, tags=[InputTag("mlflow.data.context", secret)])])
    model = c.create_logged_model(exp, name="adapter", source_run_id=v.run_id, tags={"memory": secret})
    c.log_outputs(v.run_id, [LoggedModelOutput(model.model_id, 0)])
    assert {"datasets", "input_tags", "logged_model_tags"} <= set(_db_rows(settings, secret))

    monkeypatch.setenv("USER", "auditor")
    res = CliRunner().invoke(main, ["registry", "forget", gone, "--yes"])
    assert res.exit_code == 0, res.output
    assert _db_rows(settings, secret) == [] and _db_rows(settings, model.model_id) == []
    assert _grep(settings.home, secret.encode()) == []
    assert _grep(settings.home, gone.encode()) == [] and _grep(settings.home, tenant_key(gone).encode()) == []
    assert reg.champions() == {kept: 1}

    trail = audit.entries(settings, gone)
    assert [(e["action"], e["outcome"]) for e in trail] == [("forget", "started"), ("forget", "ok")]
    assert trail[-1]["key_id"] == "cli:auditor" and trail[-1]["logged_models"] == 2 and trail[-1]["runs"] == 1
    assert trail[-1]["tenant"] == tenant_ref(settings, gone) and gone not in audit.log_path(settings).read_text()


def test_promote_rollback_and_failures_are_audited(settings, tiny_base, tmp_path):
    from memlora.cli import main

    seed_store(settings, tmp_path)
    reg = AdapterRegistry(settings)
    t = "audited"
    for i in range(2):
        reg.register(t, make_adapter(tiny_base, tmp_path / "w", t, profile_hash=f"p{i}"))
    run = CliRunner().invoke
    assert run(main, ["registry", "rollback", t]).exit_code == 0
    assert run(main, ["registry", "promote", t, "2"]).exit_code == 0
    assert run(main, ["registry", "promote", t, "9"]).exit_code == 2
    got = [(e["action"], e["outcome"], e.get("version")) for e in audit.entries(settings, t)]
    assert got == [("rollback", "ok", 1), ("promote", "ok", 2), ("promote", "failed: MemloraError", None)]
    assert audit.entries(settings, "someone else") == []


def test_keyed_hash_secret_is_private_stable_and_per_install(settings, tmp_path):
    a = tenant_ref(settings, "bob@example.com")
    assert a.startswith("t:") and a == tenant_ref(settings, "bob@example.com") and a != tenant_ref(settings, "bob")
    assert oct(secret_path(settings).stat().st_mode & 0o777) == "0o600"
    other = settings.model_copy(update={"home": tmp_path / "other-install"})
    assert tenant_ref(other, "bob@example.com") != a  # another install's secret: not linkable across installs
    assert tenant_ref(settings, "bob@example.com") == a  # created once, never replaced


def test_audit_log_rotates_by_size_and_keeps_every_entry(settings):
    path = audit.log_path(settings)
    for i in range(30):
        audit.append(path, {"i": i, "pad": "x" * 100}, max_bytes=1000)
    rotated = sorted(path.parent.glob("audit-*.jsonl"))
    assert rotated and all(p.stat().st_size <= 1000 for p in [*rotated, path])
    assert [e["i"] for e in audit.entries(settings)] == list(range(30))
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(settings, "chat", "t", "key:x", "ok")
