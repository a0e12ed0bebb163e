"""The residual over HTTP: a real `memlora serve` (tiny model, real registry) and the official `openai` client.

alice's champion carries a residual.json (memory its weights do not carry): her chats must answer exactly
what PEFT's adapter answers with those lines opening the system message, say so in a header and in
/metrics, count them in `usage.prompt_tokens`, and stop after forget; bob's champion has none.
"""
from __future__ import annotations

import copy
import re

import httpx
import openai
import pytest
import torch
from serving_http_fixtures import ServerProc, chat_ids

from memlora.adapter_dir import Residual, ResidualItem, write_residual

pytestmark = pytest.mark.timeout(600)
N = 8
PROMPT = "Tell me about boats."
LINES = ["Answer in French.", "The user's boat is called Albatross."]
TOML = '[serving]\nregistry_poll_seconds = 3600\nmax_batch_size = 4\nmissing_adapter = "404"\n'


def _register(settings, tiny_base, root, tenant, seed, lines):
    """A real adapter with (or without) a residual.json, registered as the tenant's champion."""
    from memlora.registry.store import AdapterRegistry
    from serving_fixtures import write_peft_adapter

    out = write_peft_adapter(tiny_base.model, root / f"{tenant}-s{seed}", seed=seed, r=8, alpha=16,
                             base_fingerprint=tiny_base.fingerprint, tenant=tenant, std=0.08)
    if lines:
        write_residual(out, Residual([ResidualItem(f"i{i}", "format", x, x, "not_carried") for i, x in enumerate(lines)]))
    AdapterRegistry(settings).register(tenant, out)
    return out


def served_ids(tok, messages, lines) -> tuple[list[int], int]:
    """The prompt the server must feed the model (residual prefix + the rest) and the prefix's length."""
    from memlora.serving.residual import prefix_ids, system_head, tail_text

    head = system_head(tok)
    pre = prefix_ids(tok, head, "\n".join(lines))
    return pre + tok(tail_text(tok, messages, head), add_special_tokens=False)["input_ids"], len(pre)


def peft_on(tiny_base, adapter_dir, ids: list[int]) -> str:
    from peft import PeftModel

    model = PeftModel.from_pretrained(copy.deepcopy(tiny_base.model), str(adapter_dir)).eval()
    x = torch.tensor([ids])
    with torch.no_grad():
        out = model.generate(input_ids=x, attention_mask=torch.ones_like(x), max_new_tokens=N, do_sample=False,
                             pad_token_id=tiny_base.tokenizer.pad_token_id)
    return tiny_base.tokenizer.decode(out[0, x.shape[1]:], skip_special_tokens=True)


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-residual")
    server = ServerProc(root / "home", tiny_base_dir, TOML, root / "server.log")
    s = server.settings()
    server.dirs = {"alice": _register(s, tiny_base, root, "alice", 31, LINES), "bob": _register(s, tiny_base, root, "bob", 32, [])}
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(srv):
    return openai.OpenAI(base_url=srv.url + "/v1", api_key="unused", max_retries=0, timeout=120)


def metric(srv, name: str) -> float:
    text = httpx.get(srv.url + "/metrics", timeout=30).text
    m = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", text, re.MULTILINE)
    assert m, f"{name} not in /metrics"
    return float(m.group(1))


def test_residual_opens_the_chat_and_is_counted(srv, client, tiny_base):
    tok = tiny_base.tokenizer
    before = metric(srv, "memlora_residual_tokens_total")
    cases = [("alice", [{"role": "user", "content": PROMPT}]),
             ("alice", [{"role": "system", "content": "You are terse."}, {"role": "user", "content": PROMPT}]),
             ("bob", [{"role": "user", "content": PROMPT}])]
    used = 0
    for tenant, messages in cases:
        raw = client.chat.completions.with_raw_response.create(model=tenant, messages=messages, max_tokens=N, temperature=0)
        r = raw.parse()
        ids, n_res = served_ids(tok, messages, LINES) if tenant == "alice" else (chat_ids(tok, PROMPT), 0)
        assert r.choices[0].message.content == peft_on(tiny_base, srv.dirs[tenant], ids), (tenant, messages)
        assert int(raw.headers["x-memlora-residual-tokens"]) == n_res
        assert r.usage.prompt_tokens == len(ids), "usage counts what the model attended to, the residual included"
        used += n_res
    assert used > 0
    assert metric(srv, "memlora_residual_tokens_total") - before == used
    assert metric(srv, "memlora_residual_prefix_cache_misses_total") == 1  # computed once for alice's version
    assert metric(srv, "memlora_residual_prefix_cache_hits_total") >= 1
    assert metric(srv, "memlora_residual_prefix_bytes") > 0


def test_streamed_answer_carries_the_header(srv, tiny_base):
    with httpx.stream("POST", srv.url + "/v1/chat/completions", timeout=120, json={
            "model": "alice", "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 2, "stream": True}) as r:
        assert r.status_code == 200
        _, n_res = served_ids(tiny_base.tokenizer, [{"role": "user", "content": PROMPT}], LINES)
        assert int(r.headers["x-memlora-residual-tokens"]) == n_res
        r.read()


def test_forget_purges_the_cached_prefix(srv, client):
    client.chat.completions.create(model="alice", messages=[{"role": "user", "content": "hi"}], max_tokens=2)
    assert metric(srv, "memlora_residual_prefix_bytes") > 0
    assert httpx.post(f"{srv.url}/admin/forget", json={"tenant": "alice"}, timeout=120).json()["forgotten"] is True
    assert metric(srv, "memlora_residual_prefix_bytes") == 0
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="alice", messages=[{"role": "user", "content": "hi"}], max_tokens=2)


def test_setting_off_serves_the_adapter_alone(tiny_base, tiny_base_dir, tmp_path):
    server = ServerProc(tmp_path / "home", tiny_base_dir, TOML + "residual = false\n", tmp_path / "server.log")
    d = _register(server.settings(), tiny_base, tmp_path, "alice", 31, LINES)
    server.start()
    try:
        c = openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=120)
        raw = c.chat.completions.with_raw_response.create(model="alice", messages=[{"role": "user", "content": PROMPT}],
                                                          max_tokens=N, temperature=0)
        r = raw.parse()
        ids = chat_ids(tiny_base.tokenizer, PROMPT)
        assert raw.headers["x-memlora-residual-tokens"] == "0"
        assert r.usage.prompt_tokens == len(ids) and r.choices[0].message.content == peft_on(tiny_base, d, ids)
        assert metric(server, "memlora_residual_tokens_total") == 0
    finally:
        server.stop()
