"""Shared fixtures: the provisioned real base (for its tokenizer and `model` tests) and a tiny model."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from memlora.settings import Settings, reset_settings

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # test helper modules (tinymodel, fixtures)
# Hypothesis keeps its example database and caches in ./.hypothesis by default: tests never write into the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "memlora-hypothesis"))
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("memlora", database=None)
    _hypothesis_settings.load_profile("memlora")
except ImportError:
    pass
# The real base is converted once per machine and shared with `make demo`.
MODELS_DIR = Path(os.environ.get("MEMLORA_TEST_MODELS", REPO / ".memlora" / "models"))


@pytest.fixture(autouse=True)
def _no_leaked_tracking_uri():
    """`mlflow.set_tracking_uri` also writes MLFLOW_TRACKING_URI into os.environ, which every later test and server
    subprocess would inherit (and Settings honours); undo it after each test."""
    before = os.environ.get("MLFLOW_TRACKING_URI")
    yield
    if "mlflow" in sys.modules and os.environ.get("MLFLOW_TRACKING_URI") != before:
        import mlflow

        mlflow.set_tracking_uri(before)
    if before is None:
        os.environ.pop("MLFLOW_TRACKING_URI", None)
    else:
        os.environ["MLFLOW_TRACKING_URI"] = before


@pytest.fixture(scope="session")
def real_base_dir() -> Path:
    from memlora.runtime.provision import pull_default

    return pull_default(MODELS_DIR).path


@pytest.fixture(scope="session")
def tiny_base_dir(real_base_dir, tmp_path_factory) -> Path:
    from tinymodel import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", real_base_dir)


@pytest.fixture
def settings(tmp_path, tiny_base_dir, monkeypatch) -> Settings:
    """Settings on a fresh MEMLORA_HOME with the tiny model as base; also set in the environment for subprocesses."""
    for k in list(os.environ):
        if k.startswith("MEMLORA_") or k == "MLFLOW_TRACKING_URI":
            monkeypatch.delenv(k, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("MEMLORA_HOME", str(home))
    monkeypatch.setenv("MEMLORA_BASE_MODEL", str(tiny_base_dir))
    monkeypatch.setenv("MEMLORA_CONFIG", "")  # no config file (a named file that is missing is an error)
    reset_settings()
    yield Settings()
    reset_settings()


@pytest.fixture(scope="session")
def tiny_base(tiny_base_dir, tmp_path_factory):
    """The tiny model loaded once per session (read-only: tests must not train it in place)."""
    from memlora.runtime.base import load_base

    s = Settings(home=tmp_path_factory.mktemp("tinyhome"), base_model=str(tiny_base_dir))
    return load_base(s)
