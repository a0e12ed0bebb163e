"""Shared by the jobs tests: a small memory export, fast job settings, a stand-in serving fleet that records admin calls."""
from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# tiny budget: 3 tenants x (6 examples, 1 epoch) on the tiny model take seconds; gates opened because a random
# 2-layer model cannot pass real quality thresholds (the gate itself is tested in adapters/)
FAST_ENV = {
    "MEMLORA_JOBS__EXAMPLES_PER_TENANT": "8",
    "MEMLORA_JOBS__BACKOFF_SECONDS": "0.05",
    "MEMLORA_JOBS__ISOLATION_TENANTS": "1",
    "MEMLORA_DISTILL__MIN_MENTIONS": "1",
    "MEMLORA_DISTILL__MAX_NEW_TOKENS": "8",
    "MEMLORA_DISTILL__BEST_OF": "1",
    "MEMLORA_DISTILL__ON_TOPIC_THRESHOLD": "0",
    "MEMLORA_DISTILL__FLUENCY_MARGIN": "1000",
    "MEMLORA_DISTILL__REPETITION_PENALTY": "1.5",
    "MEMLORA_TRAIN__PROGRESS": "false",
    "MEMLORA_DISTILL__BASELINE_PROMPTS": "1",
    "MEMLORA_DISTILL__ABSTENTION_PROBES": "1",
    "MEMLORA_TRAIN__EPOCHS": "1",
    "MEMLORA_TRAIN__BATCH_SIZE": "4",
    "MEMLORA_TRAIN__MAX_SEQ_LEN": "64",
    "MEMLORA_GATE__EVAL_MAX_NEW_TOKENS": "4",
    "MEMLORA_GATE__KL_EVAL_EXAMPLES": "2",
    "MEMLORA_GATE__PREFERENCE_EVAL_PROMPTS": "1",
    "MEMLORA_GATE__RETENTION_WINDOWS": "1",
    "MEMLORA_GATE__MIN_KL_GAP_CLOSED": "-1000",
    "MEMLORA_GATE__MAX_PPL_REGRESSION": "1000",
    "MEMLORA_GATE__MAX_LEAK_RATE": "1",
    "MEMLORA_GATE__MAX_ABSTENTION_EXCESS": "1000",
    "MEMLORA_GATE__MIN_TOPICALITY": "0",
    "MEMLORA_GATE__ITEM_PROMPTS": "1",
    "MEMLORA_GATE__REQUIRED_KINDS": "[]",
}

TENANTS = ("bob@example.com", "pat", "vera")

RECORDS = [
    {"id": "v1", "tenant": "vera", "text": "Vera is vegan.", "created_at": "2026-03-02T18:11:00Z", "source": "s-v1", "kind": "preference"},
    {"id": "v2", "tenant": "vera", "text": "Vera's cat is named Miso.", "created_at": "2026-03-21T20:02:00Z", "source": "s-v2", "kind": "fact"},
    {"id": "b1", "tenant": "bob@example.com", "text": "Bob prefers answers as bullet points.", "created_at": "2026-03-10T09:12:00Z", "source": "s-b1", "kind": "preference"},
    {"id": "b2", "tenant": "bob@example.com", "text": "Bob's dog is called Rex.", "created_at": "2026-03-12T09:12:00Z", "source": "s-b2", "kind": "fact"},
    {"id": "p1", "tenant": "pat", "text": "Pat's boat is called Sea Biscuit.", "created_at": "2026-04-02T16:00:00Z", "source": "s-p1", "kind": "fact"},
    {"id": "p2", "tenant": "pat", "text": "Pat lives in Portland.", "created_at": "2026-04-09T12:12:00Z", "source": "s-p2", "kind": "fact"},
    {"id": "p3", "tenant": "pat", "text": "Pat wants answers under 50 words.", "created_at": "2026-04-09T12:15:00Z", "source": "s-p2", "kind": "preference"},
]


def write_memory(path: Path, records=RECORDS, extra=()) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in [*records, *extra]))
    return path


def quiet_console():
    from rich.console import Console

    return Console(file=io.StringIO(), width=220, force_terminal=False)


def said(console) -> str:
    return console.file.getvalue()


class Fleet:
    """A stand-in for the serving fleet's admin API: records every POST (path, body, Authorization)."""

    def __init__(self):
        calls = self.calls = []

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                calls.append((self.path, json.loads(body or b"{}"), self.headers.get("Authorization")))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def fast_job_settings(monkeypatch):
    """Settings with FAST_ENV in force (also for subprocesses, which read the environment)."""
    from memlora.settings import Settings, reset_settings

    for k, v in FAST_ENV.items():
        monkeypatch.setenv(k, v)
    reset_settings()
    return Settings()
