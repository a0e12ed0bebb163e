"""`memlora registry ...` end to end on the embedded store: readable tables, import, promote, rollback, forget."""
from __future__ import annotations

import re
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


def test_tables_fit_an_80_column_terminal_and_forget_needs_yes_without_one(settings, tiny_base, tmp_path, monkeypatch):
    reg = AdapterRegistry(settings)
    t = "alice.smith@example.com"
    reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="aaa111"))
    reg.register(t, make_adapter(tiny_base, tmp_path, t, profile_hash="bbb222"))
    term = {"TTY_COMPATIBLE": "1", "COLUMNS": "80", "NO_COLOR": "1"}  # rich renders as for an 80-column terminal
    def plain(out: str) -> str:
        return re.sub(r"\x1b\[[0-9;]*m", "", out)

    ls = plain(CliRunner().invoke(main, ["registry", "ls"], env=term, catch_exceptions=False).output)
    assert all(len(line) <= 80 for line in ls.splitlines()), ls
    row = next(line for line in ls.splitlines() if t in line)  # the whole tenant id on one line, not squeezed
    assert [c.strip() for c in row.split("│")[1:4]] == [t, "2", "1"] and "not shown at 80 columns" in ls
    show = plain(CliRunner().invoke(main, ["registry", "show", t], env=term, catch_exceptions=False).output)
    header = next(line for line in show.splitlines() if "version" in line)
    assert all(len(line) <= 80 for line in show.splitlines()) and "…" not in show, show
    assert {"version", "aliases", "verdict", "profile"} <= {c.strip() for c in header.split("┃")}

    r = CliRunner().invoke(main, ["registry", "forget", t])  # CliRunner's stdin is not a terminal
    assert r.exit_code == 2 and r.output.strip().splitlines() == [
        f"memlora: error: registry forget: no terminal to confirm on; pass --yes to delete tenant {t!r} for real"], r.output
    assert reg.tenants() == [t]  # nothing deleted
