"""The MLflow UI shows a tenant's registered model with its champion alias (headless Chromium, checked via the DOM).

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
from registry_fixtures import make_adapter, seed_store

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1600,1000"]


def chromium(url: str, profile: Path, *extra: str, budget_ms: int = 20000) -> str:
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", *extra, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180).stdout


def page_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


@pytest.mark.timeout(600)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent (`make browser` installs Debian's chromium)")
def test_mlflow_ui_shows_tenant_and_champion(settings, tiny_base, tmp_path):
    tenant = "org/Zoë team"
    seed_store(settings, tmp_path)
    reg = AdapterRegistry(settings)
    reg.register(tenant, make_adapter(tiny_base, tmp_path, tenant, profile_hash="first"))
    reg.register(tenant, make_adapter(tiny_base, tmp_path, tenant, profile_hash="second"))
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
        png = tmp_path / "registry-ui.png"
        chromium(url, tmp_path / "chrome-shot", f"--screenshot={png}")
        assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
        if os.environ.get("MEMLORA_SCREENSHOT_DIR"):  # keep a copy for humans only when asked: never dirty the checkout
            out = Path(os.environ["MEMLORA_SCREENSHOT_DIR"])
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy(png, out / "registry-ui.png")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
