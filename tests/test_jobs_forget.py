"""Forget means gone: a whole night on the tiny model, then `memlora registry forget` and `nightly --forget-list`,
then every byte under MEMLORA_HOME and the MLflow store is searched for the tenants' memory, ids and keys."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from jobs_helpers import Fleet, fast_job_settings, quiet_console, write_memory

from memlora.errors import EXIT_OK
from memlora.keys import tenant_key

pytestmark = pytest.mark.timeout(900)


def nightly(settings, memory, **kw):
    from memlora.jobs.nightly import JobOptions, run_nightly

    return run_nightly(settings, JobOptions(memory=memory, **kw), console=quiet_console())


def planted(tenant: str, secret: str) -> list:
    """Two facts and a preference carrying `secret`, plus two lines the reader rejects (one not even JSON)."""
    return [
        {"id": f"{secret}-1", "tenant": tenant, "text": f"My locker code is {secret}.", "created_at": "2026-04-01T10:00:00Z",
         "source": f"s-{secret}-1", "kind": "fact"},
        {"id": f"{secret}-2", "tenant": tenant, "text": f"My cat is named {secret}.", "created_at": "2026-04-02T10:00:00Z",
         "source": f"s-{secret}-2", "kind": "fact"},
        {"id": f"{secret}-3", "tenant": tenant, "text": f"I prefer answers that end with {secret}.",
         "created_at": "2026-04-03T10:00:00Z", "source": f"s-{secret}-3", "kind": "preference"},
        {"tenant": tenant, "text": 7, "note": secret},
    ]


def truncated(tenant: str, secret: str) -> str:
    return json.dumps({"tenant": tenant, "text": f"My PIN is {secret}"})[:-8]


def needles(tenant: str, secret: str) -> dict[str, bytes]:
    return {"memory": secret.encode(), "id": tenant.encode(), "key": tenant_key(tenant).encode()}


def grep(roots: list[Path], needle: bytes) -> list[str]:
    hits = []
    for root in map(Path, roots):
        for p in [root] if root.is_file() else root.rglob("*"):
            if p.is_file() and not p.is_symlink() and needle in p.read_bytes():
                hits.append(str(p))
    return hits


def whole_night_then_forget(s, tmp_path, store_roots: list[Path]) -> None:
    from memlora import audit
    from memlora.cli import main
    from memlora.registry.store import AdapterRegistry

    sfx = uuid.uuid4().hex[:8]
    by_cli, by_list = f"gone.{sfx}@example.org", f"listed {sfx}/ü"
    sec_cli, sec_list = f"ZQXCLI{sfx}", f"ZQXLIST{sfx}"
    mem = write_memory(tmp_path / "memory.jsonl", extra=planted(by_cli, sec_cli) + planted(by_list, sec_list))
    with mem.open("a") as f:
        f.write(truncated(by_cli, sec_cli) + "\n" + truncated(by_list, sec_list) + "\n")

    r1 = nightly(s, mem)
    assert r1.exit_code == EXIT_OK, r1.summary["rows"]
    assert {by_cli, by_list} <= {o.tenant for o in r1.outcomes if o.status == "ok"}
    roots = [s.home, *store_roots]
    for n in (sec_cli, sec_list):
        assert grep(roots, n.encode()), "the planted memory must be somewhere before forgetting"
    assert not (s.state_dir / "runs" / r1.run_id / "isolation").exists()
    assert (s.state_dir / "runs" / r1.run_id / "rejects.jsonl").exists() is False  # every reject named its tenant

    res = CliRunner().invoke(main, ["registry", "forget", by_cli, "--yes"])
    assert res.exit_code == 0, res.output
    for what, needle in needles(by_cli, sec_cli).items():
        assert grep(roots, needle) == [], f"{what} of the tenant forgotten by `registry forget` survives"

    # the memory layer deleted the first tenant; the export still holds the listed one: the run that
    # forgets it must not write its lines anywhere
    vera = {"id": "v9", "tenant": "vera", "text": "Vera's favourite colour is green.", "created_at": "2026-05-01T10:00:00Z",
            "source": "s-v9", "kind": "fact"}  # someone trains in the forgetting run, so profiles are built and cached again
    mem2 = write_memory(tmp_path / "memory2.jsonl", extra=[vera, *planted(by_list, sec_list)])
    with mem2.open("a") as f:
        f.write(truncated(by_list, sec_list) + "\n")
    lst = tmp_path / "forget.txt"
    lst.write_text(by_list + "\n")
    r2 = nightly(s, mem2, forget_list=lst)
    assert r2.exit_code == EXIT_OK, r2.summary["rows"]
    assert [f["tenant"] for f in r2.forgotten] == [by_list] and "vera" in {o.tenant for o in r2.outcomes}
    for tenant, secret in ((by_cli, sec_cli), (by_list, sec_list)):
        for what, needle in needles(tenant, secret).items():
            assert grep(roots, needle) == [], f"{what} of {tenant!r} survives"

    assert grep(roots, b"Sea Biscuit"), "the other tenants' memory stays"
    assert set(AdapterRegistry(s).tenants()) == {"bob@example.com", "pat", "vera"}
    for tenant, actor in ((by_cli, "cli:"), (by_list, f"nightly:{r2.run_id}")):
        trail = audit.entries(s, tenant)
        assert [e["outcome"] for e in trail if e["action"] == "forget"] == ["started", "ok"]
        assert all(e["key_id"].startswith(actor) and e["tenant"].startswith("t:") for e in trail)
    assert oct(audit.log_path(s).stat().st_mode & 0o777) == "0o600"
    assert oct((s.home / "keys" / "tenant-hmac.key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.slow  # two whole nights on the tiny model: ~40 s
def test_forget_leaves_no_byte_of_the_tenant_embedded_store(settings, monkeypatch, tmp_path):
    fleet = Fleet()  # the summaries also record the reload calls made for each tenant
    try:
        monkeypatch.setenv("MEMLORA_JOBS__SERVERS", json.dumps([fleet.url]))
        s = fast_job_settings(monkeypatch)
        whole_night_then_forget(s, tmp_path, [])
        assert [b["tenant"] for p, b, _ in fleet.calls if p == "/admin/forget"] and len(fleet.calls) > 5
    finally:
        fleet.close()


@pytest.mark.slow  # plus an `mlflow server` process: ~55 s
def test_forget_leaves_no_byte_of_the_tenant_mlflow_server(settings, monkeypatch, tmp_path):
    import mlflow_server

    srv = mlflow_server.start(tmp_path / "mlflow-server", timeout=240)
    try:
        monkeypatch.setenv("MEMLORA_REGISTRY__TRACKING_URI", srv.url)
        monkeypatch.setenv("MEMLORA_REGISTRY__BACKEND_STORE_URI", srv.db_uri)
        s = fast_job_settings(monkeypatch)
        # the server's own access log (operator-owned, outside memlora) names model URLs: not part of the store
        whole_night_then_forget(s, tmp_path, [srv.root / "artifacts", srv.root / "server.db"])
    finally:
        mlflow_server.stop(srv)
