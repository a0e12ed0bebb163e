"""The MLflow UI as a person sees it (headless Chromium, checked via the DOM): the tenant's registered model with its
champion alias, and a version page that says what the adapter learned and how it did at the gate.

`memlora registry ui` serves the embedded store; Chromium renders the registered model
page (a React app, so it gets a virtual-time budget to finish its API calls), dumps the
DOM for the checks and takes a screenshot kept under the test's tmp dir (and copied to
$MEMLORA_SCREENSHOT_DIR, e.g. benchmarks/out, when that is set).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

import mlflow_server
from memlora.registry.names import model_name
from memlora.registry.store import AdapterRegistry
from registry_fixtures import GATE_REPORT, make_adapter, make_training_data, seed_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = os.environ.get("MEMLORA_SCREENSHOT_DIR")  # read at import: the settings fixture clears MEMLORA_* variables
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1600,1000"]


def chromium(url: str, profile: Path, *extra: str, budget_ms: int = 20000) -> str:
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", *extra, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180).stdout


def page_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


def shoot(url: str, tmp_path: Path, name: str) -> None:
    """A screenshot under the test's tmp dir (and $MEMLORA_SCREENSHOT_DIR when set, for humans: never the checkout)."""
    png = tmp_path / name
    chromium(url, tmp_path / f"chrome-{name}", f"--screenshot={png}")
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    if SHOTS:
        out = Path(SHOTS)
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(png, out / name)


@pytest.mark.timeout(600)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent (`make browser` installs Debian's chromium)")
def test_mlflow_ui_shows_tenant_and_champion(settings, tiny_base, tmp_path):
    tenant = "org/Zoë team"
    seed_store(settings, tmp_path)
    reg = AdapterRegistry(settings)
    reg.register(tenant, make_adapter(tiny_base, tmp_path, tenant, profile_hash="first"))
    facts = ["Zoë's team ships on Thursdays.", "The team's budget code is K-42."]
    data = make_training_data(tmp_path, tenant, facts)
    second = reg.register(tenant, make_adapter(tiny_base, tmp_path, tenant, profile_hash="second"), profile_path=data / "profile.json",
                      eval_report=GATE_REPORT)
    port = mlflow_server.free_port()
    env = dict(os.environ, MLFLOW_SERVER_ENABLE_JOB_EXECUTION="false", MLFLOW_DISABLE_TELEMETRY="true")
    log = open(tmp_path / "ui.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "memlora.cli", "registry", "ui", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 240
        while True:
            assert proc.poll() is None, (tmp_path / "ui.log").read_text()[-2000:]
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.time() < deadline, "memlora registry ui did not come up"
            time.sleep(0.5)
        url = f"{base}/#/models/{model_name(settings, tenant)}"
        text = page_text(chromium(url, tmp_path / "chrome-dom", "--dump-dom"))
        assert tenant in text, text[:1500]
        rows = re.split(r"Version (?=\d)", text)
        v2 = next(r for r in rows if r.startswith("2 "))
        v1 = next(r for r in rows if r.startswith("1 "))
        assert "@ champion" in v2 and "@ previous" in v1, text[:3000]
        assert "verdict : passed" in v2
        shoot(url, tmp_path, "registry-ui.png")

        # the version page answers: what did it learn, how did it do at the gate, on which data
        vurl = f"{url}/versions/2"
        html = chromium(vurl, tmp_path / "chrome-dom-v2", "--dump-dom")
        text = page_text(html)
        assert all(f in text for f in facts), text[:3000]
        assert "Quality gate" in text and "base+profile" in text and "fact recall (on topic)" in text and "0.75" in text, text[:3000]
        assert "<table" in html  # the gate's Markdown table is rendered as a table
        shoot(vurl, tmp_path, "registry-ui-version.png")
        # the rest a person looks for, through the same store: runs view, logged model, dataset, grouped metrics
        c = reg.client
        assert c.get_experiment(reg.experiment_id).tags["mlflow.experimentKind"] == "custom_model_development"
        run = c.get_run(second.run_id)
        assert [d.dataset.digest for d in run.inputs.dataset_inputs] and run.outputs.model_outputs
        assert {"gate.fact_recall", "gate.kl_gap_closed"} <= set(run.data.metrics) and len(run.data.metrics) < 20
        assert "gate_table.json" in {Path(a.path).name for a in c.list_artifacts(second.run_id, "eval")}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
