"""AdapterRegistry against both backends: the embedded SQLite store and a real `mlflow server` process."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pandas as pd
import pytest
from mlflow import MlflowClient

import mlflow_server
from memlora.errors import MemloraError
from memlora.registry.names import model_name
from memlora.registry.store import AdapterRegistry
from registry_fixtures import make_adapter, make_profile, seed_store

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = mlflow_server.start(tmp_path_factory.mktemp("mlflow-server"), timeout=240)
    yield srv
    mlflow_server.stop(srv)


@pytest.fixture(params=["embedded", "server"])
def backend(request, settings, tmp_path_factory):
    """(settings, dirs that hold the store's bytes) for each backend."""
    if request.param == "embedded":
        seed_store(settings, tmp_path_factory.getbasetemp())
        return settings, [settings.home]
    srv = request.getfixturevalue("server")
    s = settings.model_copy(update={"registry": settings.registry.model_copy(
        update={"tracking_uri": srv.url, "backend_store_uri": srv.db_uri})})
    return s, [settings.home, srv.root]


def uniq(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:6]}"


def weights_files(dirs: list[Path], reg: AdapterRegistry, v) -> list[Path]:
    """The stored weights of version `v`: under its Logged Model's directory (`models/<model id>/`)."""
    model_id = reg.client.get_model_version(model_name(reg.settings, v.tenant), str(v.version)).source.removeprefix("models:/")
    return [p for d in dirs for p in Path(d).rglob("adapter_model.safetensors") if model_id in str(p) and "cache" not in p.parts]


def test_register_champion_lineage_and_failed_never_champion(backend, tiny_base, tmp_path):
    s, _ = backend
    reg = AdapterRegistry(s)
    t = uniq("acme")
    v1 = reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="p1"), profile_path=make_profile(tmp_path, t, "likes tea"),
                      eval_report={"metrics": {"fact_recall": 0.8, "kl_gap_closed": 0.3}, "passed": True, "reasons": []},
                      loss_curve=[{"step": 1, "loss": 2.0}, {"step": 2, "loss": 1.5}, {"step": 3, "loss": 1.1}])
    assert (v1.version, v1.champion, v1.verdict) == (1, True, "passed")
    bad = reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="p2"),
                       eval_report={"metrics": {"fact_recall": 0.0}, "passed": False, "reasons": ["recall"]})
    assert (bad.version, bad.champion, bad.verdict) == (2, False, "failed")
    assert reg.champions()[t] == 1
    assert reg.resolve(t).version == 1
    with pytest.raises(MemloraError, match="cannot become champion"):
        reg.promote(t, 2)
    assert reg.champions()[t] == 1
    # what the UI shows: lineage params, stepped loss curve, eval metrics, artifacts, version tags
    c = MlflowClient(s.tracking_uri)
    run = c.get_run(v1.run_id)
    assert run.data.params["base_fingerprint"] == tiny_base.fingerprint
    assert run.data.params["profile_hash"] == "p1" and run.data.params["training.rank"] == "8"
    assert run.data.metrics["eval.fact_recall"] == pytest.approx(0.8)
    assert [m.value for m in c.get_metric_history(v1.run_id, "loss_curve.loss")] == [2.0, 1.5, 1.1]
    assert {a.path for a in c.list_artifacts(v1.run_id)} >= {"profile", "eval"}
    mv = c.get_model_version(model_name(s, t), "1")
    assert mv.source.startswith("models:/m-")
    logged = c.get_logged_model(mv.source.removeprefix("models:/"))  # a Logged Model of the run, not loose run artifacts
    assert logged.source_run_id == v1.run_id and logged.model_type == "memlora-lora-adapter"
    import mlflow.artifacts

    req = Path(mlflow.artifacts.download_artifacts(f"{logged.artifact_location}/requirements.txt", dst_path=str(tmp_path / "req"),
                                                   tracking_uri=s.tracking_uri)).read_text()
    assert any(x.startswith("memlora==") for x in req.split()), req
    tags = mv.tags
    assert tags["tenant"] == t and tags["verdict"] == "passed" and tags["base_fingerprint"] == tiny_base.fingerprint
    assert set(json.loads(tags["sha256"])) == {"adapter_model.safetensors", "adapter_config.json"}


def test_promote_and_rollback(backend, tiny_base, tmp_path):
    s, _ = backend
    reg = AdapterRegistry(s)
    t = uniq("team")
    for i in range(3):
        reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash=f"p{i}"))
    vs = {v.version: v for v in reg.versions(t)}
    assert vs[3].aliases == ["champion"] and vs[2].aliases == ["previous"]
    back = reg.rollback(t)
    assert back.version == 2 and reg.champions()[t] == 2 and reg.resolve(t).version == 2
    assert {v.version: v.aliases for v in reg.versions(t)} == {3: [], 2: ["champion"], 1: ["previous"]}
    reg.promote(t, 3)
    assert {v.version: v.aliases for v in reg.versions(t)} == {3: ["champion"], 2: ["previous"], 1: []}
    with pytest.raises(MemloraError, match="no version 9"):
        reg.promote(t, 9)
    lone = uniq("lone")
    reg.register(lone, make_adapter(tiny_base, tmp_path, lone))
    with pytest.raises(MemloraError, match="no previous champion"):
        reg.rollback(lone)


def test_resolve_verifies_caches_and_refuses(backend, tiny_base, tmp_path):
    s, dirs = backend
    reg = AdapterRegistry(s)
    t = uniq("cache")
    assert reg.resolve(t) is None  # unknown tenant: nothing to serve, not an error
    v = reg.register(t, make_adapter(tiny_base, tmp_path, t))
    r = reg.resolve(t, tiny_base.fingerprint)
    manifest = json.loads((r.path / "memlora.json").read_text())
    assert manifest["tenant"] == t and (r.path / "adapter_model.safetensors").is_file()
    assert r.path.is_relative_to(s.adapter_cache_dir)
    with pytest.raises(MemloraError, match="trained on base"):
        reg.resolve(t, "0" * 16)
    # with a known version the cached copy needs no store at all: point the registry at a dead URL
    offline = s.model_copy(update={"registry": s.registry.model_copy(update={"tracking_uri": "http://127.0.0.1:9"})})
    assert AdapterRegistry(offline).resolve(t, tiny_base.fingerprint, version=v.version).path == r.path
    # a cached copy changed on disk is not trusted: it is fetched and verified again
    (r.path / "adapter_model.safetensors").write_bytes(b"garbage")
    again = reg.resolve(t, tiny_base.fingerprint)
    assert json.loads(again.path.joinpath("memlora.json").read_text())["tenant"] == t
    assert (again.path / "adapter_model.safetensors").stat().st_size > 1000
    # tamper with the stored artifact itself: refused with the sha256 named, nothing left in the cache
    stored = weights_files(dirs, reg, v)
    assert stored, "the registered weights must be somewhere under the store's directories"
    data = bytearray(stored[0].read_bytes())
    data[-1] ^= 0xFF
    stored[0].write_bytes(bytes(data))
    import shutil

    shutil.rmtree(s.adapter_cache_dir)
    with pytest.raises(MemloraError, match="sha256"):
        reg.resolve(t, tiny_base.fingerprint)
    assert not list(s.adapter_cache_dir.rglob("adapter_model.safetensors"))


def test_non_safetensors_payload_refused(backend, tiny_base, tmp_path):
    s, dirs = backend
    reg = AdapterRegistry(s)
    t = uniq("pickle")
    a = make_adapter(tiny_base, tmp_path, t)
    (a / "adapter_model.bin").write_bytes(b"\x80\x04pickle")
    with pytest.raises(MemloraError, match="non-safetensors"):
        reg.register(t, a)
    (a / "adapter_model.bin").unlink()
    v = reg.register(t, a)
    # a pickle planted in the store next to the registered weights is refused at resolve time
    stored = weights_files(dirs, reg, v)[0]
    (stored.parent / "adapter_model.bin").write_bytes(b"\x80\x04pickle")
    with pytest.raises(MemloraError, match="non-safetensors"):
        reg.resolve(t, tiny_base.fingerprint)


def test_tenant_names_round_trip(backend, tiny_base, tmp_path):
    s, _ = backend
    reg = AdapterRegistry(s)
    sfx = uuid.uuid4().hex[:6]
    tenants = [f"org/{sfx} team", f"Zoë Ünïcode {sfx}", f"a.b@c.com:{sfx}", f"東京-{sfx}"]
    for t in tenants:
        reg.register(t, make_adapter(tiny_base, tmp_path, t))
    assert set(tenants) <= set(reg.tenants())
    champs = reg.champions()
    assert all(champs[t] == 1 for t in tenants)
    for t in tenants:
        name = model_name(s, t)
        assert "/" not in name and ":" not in name
        assert reg.resolve(t).tenant == t
    rows = {r["tenant"]: r for r in reg.list()}
    assert all(rows[t]["champion"] == 1 for t in tenants)


def _grep(dirs: list[Path], needle: bytes) -> list[str]:
    hits = []
    for d in dirs:
        for p in Path(d).rglob("*"):
            if p.is_file() and needle in p.read_bytes():
                hits.append(str(p))
    return hits


def test_forget_removes_everything_of_one_tenant_only(backend, tiny_base, tmp_path):
    s, dirs = backend
    reg = AdapterRegistry(s)
    fact = f"SECRET-FACT-{uuid.uuid4().hex}"
    keep_fact = f"KEEP-FACT-{uuid.uuid4().hex}"
    gone, kept = uniq("forget me/ü"), uniq("keep me")
    work = tmp_path / "work"  # the inputs the test made itself (outside the store)
    for i in range(2):
        reg.register(gone, make_adapter(tiny_base, work, gone, fact=fact, profile_hash=f"g{i}"),
                     profile_path=make_profile(work, gone, fact), params={"memory_note": fact},
                     eval_report={"metrics": {"x": 1.0}, "passed": True, "reasons": [fact]})
    reg.register(kept, make_adapter(tiny_base, work, kept, fact=keep_fact), profile_path=make_profile(work, kept, keep_fact))
    assert reg.resolve(gone) and reg.resolve(kept)  # both in the cache now
    store_dirs = [d for d in dirs] + [s.adapter_cache_dir]
    assert _grep(store_dirs, fact.encode()), "the planted fact must be in the store before forgetting"
    report = reg.forget(gone)
    assert report.registered_model == model_name(s, gone)
    assert sorted(report.versions) == [1, 2] and len(report.runs) == 2 and report.purged
    assert report.cache_dirs and len(report.artifacts) == 4 and len(report.logged_models) == 2  # 2 runs + their logged models
    assert _grep(store_dirs, fact.encode()) == []
    assert gone not in reg.tenants() and reg.resolve(gone) is None
    assert reg.champions()[kept] == 1
    assert reg.resolve(kept, tiny_base.fingerprint).tenant == kept
    assert _grep(store_dirs, keep_fact.encode()), "the other tenant's data must survive"
    c = MlflowClient(s.tracking_uri)
    for rid in report.runs:
        with pytest.raises(Exception):
            c.get_run(rid)


def test_champion_loads_as_mlflow_pyfunc_and_generates(backend, tiny_base, tmp_path):
    import mlflow

    s, _ = backend
    reg = AdapterRegistry(s)
    t = uniq("pyfunc é")
    reg.register(t, make_adapter(tiny_base, tmp_path, t))
    old = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(s.tracking_uri)
    try:
        model = mlflow.pyfunc.load_model(f"models:/{model_name(s, t)}@champion")
        assert model.metadata.get_input_schema().input_names() == ["messages"]  # chat-shaped, like the serving API
        out = model.predict(pd.DataFrame({"messages": [[{"role": "user", "content": "Say hello."}]]}), params={"max_new_tokens": 6})
    finally:
        mlflow.set_tracking_uri(old)
    assert isinstance(out, list) and len(out) == 1 and isinstance(out[0], str) and out[0].strip()


def test_pyfunc_load_without_memlora_home_fails_in_one_line_and_converts_nothing(settings, tiny_base, tmp_path, monkeypatch):
    """A notebook's bare `load_model` must not provision a 700 MB base into whatever directory it runs in."""
    import mlflow

    from memlora.settings import reset_settings

    seed_store(settings, tmp_path)
    t = uniq("notebook")
    AdapterRegistry(settings).register(t, make_adapter(tiny_base, tmp_path, t))
    work = tmp_path / "notebook-dir"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("MEMLORA_HOME")
    monkeypatch.delenv("MEMLORA_BASE_MODEL")
    reset_settings()
    old = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(settings.tracking_uri)
    try:
        with pytest.raises(MemloraError, match="set MEMLORA_HOME") as e:
            mlflow.pyfunc.load_model(f"models:/{model_name(settings, t)}@champion")
    finally:
        mlflow.set_tracking_uri(old)
        reset_settings()
    assert "\n" not in str(e.value) and not (work / ".memlora").exists()
