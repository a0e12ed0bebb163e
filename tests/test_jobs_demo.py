"""`memlora demo` on the tiny model: nightly, then a real `memlora serve` subprocess asked through the openai client."""
from __future__ import annotations

import socket

import pytest
from jobs_helpers import fast_job_settings, TENANTS, quiet_console, said, write_memory


pytestmark = pytest.mark.timeout(1200)


def test_demo_answers_each_tenant_next_to_the_base_and_stops_its_server(settings, monkeypatch, tmp_path):
    from memlora.jobs.demo import run_demo

    s = fast_job_settings(monkeypatch)
    mem = write_memory(tmp_path / "memory.jsonl")
    con = quiet_console()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = run_demo(s, memory=mem, examples=6, port=port, console=con, max_tokens=8)
    out = said(con)
    assert code == 0, out[-3000:]
    assert "the memory in the weights" in out
    for t in TENANTS:
        assert t in out
    assert "[error" not in out, out[-3000:]
    assert "Sea Biscuit" in out or "boat" in out  # pat's fact probe was asked
    with socket.socket() as sock:  # the server is gone: nothing listens on its port any more
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
