"""A real `memlora serve` process on a free loopback port, and references to check its answers against.

The server runs as a subprocess exactly as a user starts it (`memlora serve --port P`), on its own
MEMLORA_HOME with adapters registered through the real AdapterRegistry.
"""
from __future__ import annotations

import copy
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProc:
    def __init__(self, home: Path, base_dir: Path, toml: str, log: Path):
        self.home, self.log_path = Path(home), Path(log)
        cfg = self.home.parent / f"{self.home.name}-memlora.toml"
        cfg.write_text(toml)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MEMLORA_") and k != "MLFLOW_TRACKING_URI"}
        self.env.update(MEMLORA_HOME=str(self.home), MEMLORA_BASE_MODEL=str(base_dir), MEMLORA_CONFIG=str(cfg))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def settings(self):
        from memlora.settings import Settings

        old = {k: os.environ.get(k) for k in ("MEMLORA_CONFIG",)}
        os.environ["MEMLORA_CONFIG"] = self.env["MEMLORA_CONFIG"]
        try:
            return Settings(home=self.home, base_model=self.env["MEMLORA_BASE_MODEL"])
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def start(self, timeout: float = 180.0) -> "ServerProc":
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "memlora.cli", "serve", "--port", str(self.port)],
            env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"server not healthy after {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:  # LitServe's worker, uvicorn and manager processes are in the session we started
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc = None
        self._log.close()


def chat_ids(tokenizer, prompt: str) -> list[int]:
    """The prompt exactly as the server builds it from `messages`."""
    text = tokenizer.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True, tokenize=False)
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def peft_greedy(tiny_base, adapter_dir: Path | None, prompt: str, max_new: int, chat: bool = True, **generate_kw) -> str:
    """PEFT's own greedy answer with this adapter alone (the reference a served answer must equal); `chat=False`
    takes the prompt as raw text, as `/v1/completions` does."""
    import torch

    model = copy.deepcopy(tiny_base.model)
    if adapter_dir is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter_dir))
    model.eval()
    tok = tiny_base.tokenizer
    ids = torch.tensor([chat_ids(tok, prompt) if chat else tok(prompt, add_special_tokens=False)["input_ids"]])
    with torch.no_grad():
        out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=max_new, do_sample=False,
                             pad_token_id=tok.pad_token_id, **generate_kw)
    return tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)


def register_adapter(settings, tiny_base, root: Path, tenant: str, seed: int, std: float = 0.08):
    """A real PEFT adapter (random LoRA on all linear layers) registered as the tenant's champion."""
    from serving_fixtures import write_peft_adapter

    from memlora.registry.store import AdapterRegistry

    out = write_peft_adapter(tiny_base.model, Path(root) / f"{tenant}-s{seed}", seed=seed, r=8, alpha=16,
                             base_fingerprint=tiny_base.fingerprint, tenant=tenant, std=std)
    info = AdapterRegistry(settings).register(tenant, out)
    return out, info


def stored_weights(settings, run_id: str, roots) -> list[Path]:
    """The registered weights of one run's adapter under `roots`: its Logged Model's directory
    (`models/<model id>/`) or, for a store written before adapters were logged models, the run's own."""
    from memlora.registry.store import AdapterRegistry

    reg = AdapterRegistry(settings)
    exp = reg.client.get_experiment_by_name(settings.registry.experiment).experiment_id
    keys = [run_id] + [m.model_id for m in reg.client.search_logged_models([exp], filter_string=f"source_run_id = '{run_id}'")]
    return [p for r in roots if Path(r).exists() for p in Path(r).rglob("adapter_model.safetensors") if any(k in str(p) for k in keys)]
