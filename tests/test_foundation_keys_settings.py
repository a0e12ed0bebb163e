import pytest

from memlora.errors import MemloraError
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
    monkeypatch.setenv("MEMLORA_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5999")
    assert Settings().tracking_uri == "http://127.0.0.1:5999"
