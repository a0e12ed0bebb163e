"""`memlora demo`: the nightly job on the example memory, then the served adapters answering next to the base.

The server runs as a subprocess (jobs never import serving) on a free loopback
port, and is asked through the official openai client exactly as a user's
application would. Every wait has a timeout and the server is always stopped,
so the demo cannot hang a new user's terminal.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from memlora.errors import EXIT_OK, EXIT_PARTIAL, JobError, MemloraError
from memlora.keys import tenant_key
from memlora.settings import Settings

from .console import plain_console
from .nightly import JobOptions, run_nightly
from .state import tenant_dir

REPO = Path(__file__).resolve().parent.parent
GENERIC_QUESTION = "Can you suggest something nice to cook for dinner tonight?"


@dataclass
class Question:
    tenant: str
    text: str
    expect: list[str]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def question_for(settings: Settings, tenant: str) -> Question:
    """The tenant's first fact probe from its distilled profile (a question only its memory answers), else a
    generic request that shows its style preferences. Facts come first: distill teaches them by construction,
    while other items that carry a probe (a diet) are trained through their effect on answers only."""
    key = tenant_key(tenant)
    path = tenant_dir(settings.state_dir, tenant) / "distill" / key / "profile.json"
    try:
        profile = json.loads(path.read_text())
    except (OSError, ValueError):
        profile = {}
    items = profile.get("items", [])
    for item in sorted(items, key=lambda it: it.get("kind") != "fact"):
        probe = item.get("probe") or {}
        if probe.get("question"):
            return Question(tenant, probe["question"], [str(e) for e in probe.get("expect", [])])
    return Question(tenant, GENERIC_QUESTION, [])


class DemoServer:
    """`memlora serve` in its own process group, stopped (group-wide) on exit."""

    def __init__(self, settings: Settings, port: int, log_path: Path):
        self.settings, self.port, self.log_path = settings, port, log_path
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self) -> "DemoServer":
        env = dict(os.environ)
        env["MEMLORA_HOME"] = str(self.settings.home)
        env["MEMLORA_BASE_MODEL"] = self.settings.base_model
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "memlora.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self._log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
        return self

    def log_tail(self, n: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def wait_healthy(self, timeout: float) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise JobError(f"the demo server exited with code {self.proc.returncode} before it was ready; "
                               f"log {self.log_path}:\n{self.log_tail()}")
            try:
                if httpx.get(self.url + "/health", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise JobError(f"the demo server did not answer {self.url}/health within {timeout:.0f}s; log {self.log_path}:\n{self.log_tail()}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self._log.close()


def _api_key(settings: Settings) -> str:
    admin = [k.key for k in settings.serving.api_keys if k.admin]
    return admin[0] if admin else "demo"


def ask(client, model: str, question: str, max_tokens: int) -> str:
    try:
        r = client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": question}], max_tokens=max_tokens, temperature=0.0)
        return (r.choices[0].message.content or "").strip()
    except Exception as e:  # one failed request must not hide the others' answers
        return f"[error: {type(e).__name__}: {str(e)[:160]}]"


def demo_settings(settings: Settings) -> Settings:
    """The demo's budget: a few dozen examples learn little at a production-like learning rate (6 steps at 2e-4 left
    the facts out), and the full gate evaluation costs more than the training; so a higher rate, more epochs,
    batches of 4 (twice the updates for the same tokens: at batch 8 a tenant got 8 steps and learned the answer's
    template but not the name in it), teacher answers of 48 new tokens (the gate lets answers run that plus
    their closing) and a lighter (still complete) gate: 6 held-out prompts per item under the same per-item rule
    (at 4, one miss gave 0.75, below the bar of teacher 1.00 - 0.2), keeping `make demo` near ten minutes.
    The example's org membership is configured here, as an operator would: a record's own `org` field is a claim,
    never a grant."""
    members = dict(settings.distill.org_members)
    members.setdefault("acme", ["bob@example.com", "pat"])
    return settings.model_copy(update={
        "distill": settings.distill.model_copy(update={"org_members": members, "max_new_tokens": 48}),
        "train": settings.train.model_copy(update={"learning_rate": 1e-3, "epochs": 4, "batch_size": 4}),
        "gate": settings.gate.model_copy(update={"kl_eval_examples": 8, "preference_eval_prompts": 3, "retention_windows": 2,
                                                 "item_prompts": 6}),
    })


def run_demo(settings: Settings, memory: Path | None = None, examples: int | None = None, port: int | None = None,
             console=None, max_tokens: int = 64) -> int:
    from openai import OpenAI
    from rich.table import Table

    console = console or plain_console()  # piped: one plain line per step, wide tables
    settings = settings.model_copy(update={"home": Path(settings.home).expanduser().resolve()})
    memory = memory or REPO / "examples" / "memory.jsonl"
    if not memory.exists():
        raise MemloraError(f"demo memory not found: {memory} (pass --memory PATH)")
    n = examples or settings.jobs.demo_examples_per_tenant
    settings = demo_settings(settings)
    console.rule(f"1/2 nightly job on {memory} ({n} examples per tenant, base {settings.base_model})")
    t0 = time.perf_counter()
    report = run_nightly(settings, JobOptions(memory=memory, examples=n), console=console)
    tenants = [p.tenant for p in report.plans]
    if not tenants:
        raise MemloraError(f"no tenant in {memory} has selected memory; nothing to demo")
    questions = [question_for(settings, t) for t in tenants]
    console.rule(f"2/2 serving: one question per tenant, its adapter vs the base model (nightly took {time.perf_counter() - t0:.0f}s)")
    port = port or free_port()
    with DemoServer(settings, port, settings.state_dir / "demo_server.log") as server:
        server.wait_healthy(settings.jobs.demo_server_start_seconds)
        client = OpenAI(base_url=server.url + "/v1", api_key=_api_key(settings), timeout=180.0, max_retries=0)
        table = Table(title="the memory in the weights", show_lines=True)
        for c in ("tenant", "question", f"{'tenant adapter'}", "base model"):
            table.add_column(c, overflow="fold")
        hits = 0
        status = {o.tenant: o for o in report.outcomes}
        for q in questions:
            mine = ask(client, q.tenant, q.text, max_tokens)
            o = status.get(q.tenant)
            if o is not None and not o.champion_changed and o.status != "ok":
                mine += f"\n[yellow](no new adapter tonight: {o.reason[:120]})[/]"
            base = ask(client, "base", q.text, max_tokens)
            found = [e for e in q.expect if e.lower() in mine.lower()]
            hits += bool(found)
            mark = f"\n[green](mentions {found[0]!r})[/]" if found else (f"\n[dim](expected {q.expect[0]!r})[/]" if q.expect else "")
            table.add_row(q.tenant, q.text, mine + mark, base)
        console.print(table)
    probes = sum(bool(q.expect) for q in questions)
    console.print(f"{hits} of {probes} fact question(s) answered from memory by the tenant adapters; "
                  f"summary of the job: {report.summary_path}; server log: {settings.state_dir / 'demo_server.log'}")
    failed = [o.tenant for o in report.outcomes if o.status not in ("ok", "rejected", "unchanged")]
    # A tenant whose adapter the gate rejected is a normal outcome of the night (the table says why); only a
    # tenant whose pipeline broke makes the demo fail.
    return EXIT_OK if not failed and report.exit_code in (EXIT_OK, EXIT_PARTIAL) else report.exit_code
