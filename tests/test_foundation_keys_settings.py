import os
import subprocess
import sys

import pytest

from memlora.errors import EXIT_USER, ConfigError, MemloraError
from memlora.keys import tenant_from_key, tenant_key
from memlora.settings import Settings

TENANTS = ["vera", "bob@example.com", "acme/team one", "Zoë Ωmega", "a.b", "..", "x-y_z", "日本語", "tab\there"]


@pytest.mark.parametrize("tenant", TENANTS)
def test_tenant_key_round_trips_and_is_path_safe(tenant):
    key = tenant_key(tenant)
    assert tenant_from_key(key) == tenant
    assert "/" not in key and " " not in key and key not in (".", "..")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in key)


def test_tenant_keys_are_injective():
    keys = [tenant_key(t) for t in TENANTS + ["a.2eb", "a_b", "A.B"]]
    assert len(set(keys)) == len(keys)


def test_bad_tenant_ids_get_clear_errors():
    with pytest.raises(MemloraError, match="non-empty"):
        tenant_key("  ")
    with pytest.raises(MemloraError, match="too long"):
        tenant_key("x" * 300)
    with pytest.raises(MemloraError, match="not a tenant key"):
        tenant_from_key("a/b")


def test_settings_from_toml_then_env(tmp_path, monkeypatch):
    for k in list(__import__("os").environ):
        if k.startswith("MEMLORA_"):
            monkeypatch.delenv(k)
    cfg = tmp_path / "memlora.toml"
    cfg.write_text('home = "/data/mem"\n[train]\nrank = 4\nepochs = 5\n[serving]\nslots = 3\n')
    monkeypatch.setenv("MEMLORA_CONFIG", str(cfg))
    s = Settings()
    assert (str(s.home), s.train.rank, s.train.epochs, s.serving.slots) == ("/data/mem", 4, 5, 3)
    monkeypatch.setenv("MEMLORA_TRAIN__RANK", "16")
    monkeypatch.setenv("MEMLORA_HOME", str(tmp_path / "h"))
    s = Settings()
    assert s.train.rank == 16 and s.train.epochs == 5 and s.home == tmp_path / "h"
    assert s.tracking_uri.startswith("sqlite:///") and s.tracking_uri.endswith("mlflow/mlflow.db")


def test_explicit_tracking_uri_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("MEMLORA_CONFIG", "")
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5999")
    assert Settings().tracking_uri == "http://127.0.0.1:5999"


def _cli(tmp_path, env_extra: dict):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEMLORA_") and k != "MLFLOW_TRACKING_URI"}
    env.update({"MEMLORA_HOME": str(tmp_path / "home"), "MEMLORA_CONFIG": "", **env_extra})
    return subprocess.Popen([sys.executable, "-m", "memlora.cli", "registry", "ls"], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_bad_settings_are_one_line_and_exit_2_through_the_cli(tmp_path):
    """The real CLI: a bad env value, broken TOML, a wrong type in TOML, a MEMLORA_CONFIG naming no file."""
    broken = tmp_path / "broken.toml"
    broken.write_text("[train\nrank = 4\n")
    typed = tmp_path / "typed.toml"
    typed.write_text('[train]\nrank = "abc"\n')
    cases = {
        "env": ({"MEMLORA_TRAIN__RANK": "abc"}, ["train.rank", "'abc'", "MEMLORA_TRAIN__RANK", "valid integer"]),
        "toml": ({"MEMLORA_CONFIG": str(broken)}, [str(broken), "not valid TOML", "line 1"]),
        "typed": ({"MEMLORA_CONFIG": str(typed)}, ["train.rank", str(typed)]),
        "missing": ({"MEMLORA_CONFIG": str(tmp_path / "nope.toml")}, ["MEMLORA_CONFIG", "nope.toml", "does not exist"]),
    }
    procs = {k: _cli(tmp_path, env) for k, (env, _) in cases.items()}
    for k, p in procs.items():
        out, err = p.communicate(timeout=120)
        assert p.returncode == EXIT_USER, (k, err[-2000:])
        assert "Traceback" not in err, (k, err[-2000:])
        errors = [line for line in err.splitlines() if line.startswith("memlora: error:")]
        assert len(errors) == 1, (k, err)
        for want in cases[k][1]:
            assert want in errors[0], (k, errors[0])


def test_settings_errors_name_the_setting_in_process(tmp_path, monkeypatch):
    for k in list(os.environ):
        if k.startswith("MEMLORA_"):
            monkeypatch.delenv(k)
    monkeypatch.setenv("MEMLORA_CONFIG", str(tmp_path / "gone.toml"))
    with pytest.raises(ConfigError, match="gone.toml, which does not exist"):
        Settings()
    monkeypatch.setenv("MEMLORA_CONFIG", "")
    monkeypatch.setenv("MEMLORA_SERVING__PORT", "eighty")
    with pytest.raises(ConfigError, match=r"serving\.port = 'eighty' \(from MEMLORA_SERVING__PORT\)") as e:
        Settings()
    assert e.value.exit_code == EXIT_USER and "\n" not in str(e.value)
    monkeypatch.delenv("MEMLORA_SERVING__PORT")
    monkeypatch.chdir(tmp_path)  # ./memlora.toml is optional: absent means defaults
    assert Settings().train.rank == 8
