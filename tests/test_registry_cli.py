"""`memlora registry ...` end to end on the embedded store: readable tables, import, promote, rollback, forget."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from memlora.cli import main
from memlora.registry.store import AdapterRegistry
from registry_fixtures import _template, make_adapter, seed_store

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(autouse=True)
def _seeded(settings, tmp_path_factory):
    seed_store(settings, tmp_path_factory.getbasetemp())


def run(*args: str):
    return CliRunner().invoke(main, ["registry", *args], catch_exceptions=False)


def test_cli_ls_show_promote_rollback_forget(settings, tiny_base, tmp_path):
    assert "no adapters registered" in run("ls").output
    reg = AdapterRegistry(settings)
    t = "org/Zoë team"
    reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="aaa111"))
    reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="bbb222"))
    reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="ccc333"), passed=False)
    out = run("ls").output
    assert "org/Zoë team" in out and "failed" in out
    row = next(line for line in out.splitlines() if "org/Zoë team" in line)
    assert [c.strip() for c in row.split("│")[2:5]] == ["2", "1", "3"]  # champion, previous, latest
    show = run("show", t).output
    lines = {line.split("│")[1].strip(): line for line in show.splitlines() if line.count("│") > 5}
    assert "champion" in lines["2"] and "previous" in lines["1"] and "failed" in lines["3"] and "bbb222" in lines["2"]
    r = run("promote", t, "3")
    assert r.exit_code == 2 and "cannot become champion" in r.output
    r = run("promote", t, "99")
    assert r.exit_code == 2 and "no version 99" in r.output
    assert "champion is now version 1" in run("rollback", t).output
    assert reg.champions()[t] == 1
    assert "champion is now version 2" in run("promote", t, "2").output
    r = run("forget", t, "--yes")
    assert r.exit_code == 0 and "forgotten" in r.output and "purged" in r.output
    assert t not in reg.tenants()
    r = run("show", t)
    assert r.exit_code == 2 and "has no registered adapter" in r.output
    r = run("forget", t, "--yes")
    assert r.exit_code == 2 and "nothing" in r.output


def test_cli_import_admits_checked_peft_adapter(settings, tiny_base, tmp_path):
    src = tmp_path / "made-elsewhere"
    shutil.copytree(_template(tiny_base, tmp_path), src)
    before = sorted(p.name for p in src.iterdir())
    r = run("import", "ext tenant", str(src))
    assert r.exit_code == 0, r.output
    assert "version 1" in r.output and "imported" in r.output
    assert sorted(p.name for p in src.iterdir()) == before  # the user's directory is left as it was
    reg = AdapterRegistry(settings)
    assert reg.champions() == {}  # no gate ran: not served until promoted
    assert reg.versions("ext tenant")[0].verdict == "imported"
    r = run("import", "ext tenant", str(src), "--promote")
    assert r.exit_code == 0 and "champion" in r.output
    assert reg.champions() == {"ext tenant": 2}
    assert reg.resolve("ext tenant", tiny_base.fingerprint).version == 2
    (src / "adapter_model.bin").write_bytes(b"\x80\x04pickle")
    r = run("import", "ext tenant", str(src))
    assert r.exit_code == 2 and r.output.strip().splitlines()[-1].startswith("memlora: error:")
    assert str(src) in r.output and "adapter_model.bin" in r.output and "Traceback" not in r.output
    r = run("import", "ext tenant", str(tmp_path / "missing"))
    assert r.exit_code == 2 and "not found" in r.output
    assert len(AdapterRegistry(settings).versions("ext tenant")) == 2  # refused imports registered nothing
