"""A real `mlflow server` process for tests: SQLite backend and proxied artifacts in a tmp dir, on a free loopback port."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class MlflowServer:
    url: str
    db_uri: str
    root: Path
    proc: subprocess.Popen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(root: Path, timeout: float = 120.0, port: int | None = None) -> MlflowServer:
    """`port`: restart a stopped server where its clients expect it (same root = same store)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    db_uri = f"sqlite:///{(root / 'server.db').resolve()}"
    mlflow_bin = Path(sys.executable).with_name("mlflow")
    log = open(root / "server.log", "ab")
    env = {k: v for k, v in os.environ.items() if k != "MLFLOW_TRACKING_URI"}
    env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] = "false"  # no background job runner: faster start, nothing to reap
    env["MLFLOW_DISABLE_TELEMETRY"] = "true"
    proc = subprocess.Popen(
        [str(mlflow_bin), "server", "--backend-store-uri", db_uri, "--artifacts-destination", str((root / "artifacts").resolve()),
         "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        stdout=log, stderr=subprocess.STDOUT, cwd=root, env=env, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mlflow server exited with {proc.returncode}: {(root / 'server.log').read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return MlflowServer(url=url, db_uri=db_uri, root=root, proc=proc)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop(MlflowServer(url, db_uri, root, proc))
    raise RuntimeError(f"mlflow server did not answer /health within {timeout:.0f}s: {(root / 'server.log').read_text()[-2000:]}")


def stop(server: MlflowServer) -> None:
    """Kill the server's own process group (it forks uvicorn workers)."""
    if server.proc.poll() is None:
        try:
            os.killpg(server.proc.pid, signal.SIGTERM)
            server.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.proc.wait(timeout=5)
