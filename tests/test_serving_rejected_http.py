"""A rejected version's memory is served: a real `memlora serve` (tiny model, real registry), the `openai` client.

carol's champion (v1) carries item c0; her newest version (v2) was rejected by the gate, its profile holding c0
and c1. She must be served v1's weights with c1's line in front (c0 is in the weights). dave's only version was
rejected: he is served the base with both of its lines. Once forgotten, dave gets no line at all.
"""
from __future__ import annotations

import httpx
import openai
import pytest
from serving_http_fixtures import ServerProc, chat_ids
from test_serving_residual_http import N, PROMPT, metric, peft_on, served_ids

from memlora.adapter_dir import Residual, ResidualItem, write_residual

pytestmark = pytest.mark.timeout(600)
# Enforcement off: these tests compare the prompt the residual builds with PEFT's own answer to it;
# decode-time enforcement of the same items is tested in test_serving_enforce_http.py.
TOML = '[serving]\nregistry_poll_seconds = 3600\nmax_batch_size = 4\nmissing_adapter = "base"\nenforce_residual = false\n'
CAROL = [ResidualItem("c0", "language", "French", "Answer in French.", "rejected"),
         ResidualItem("c1", "fact", "boat", "The user's boat is called Albatross.", "not_carried")]
DAVE = [ResidualItem("d0", "closing", "Cheers", 'End every answer with "Cheers".', "not_carried"),
        ResidualItem("d1", "address", "Captain", 'Address the user as "Captain".', "rejected")]


def _version(settings, tiny_base, root, tenant, seed, residual: Residual, passed: bool):
    from memlora.registry.store import AdapterRegistry
    from serving_fixtures import write_peft_adapter

    out = write_peft_adapter(tiny_base.model, root / f"{tenant}-s{seed}", seed=seed, r=8, alpha=16,
                             base_fingerprint=tiny_base.fingerprint, tenant=tenant, std=0.08)
    write_residual(out, residual)
    AdapterRegistry(settings).register(tenant, out, passed=passed)
    return out


def base_on(tiny_base, ids: list[int]) -> str:
    import torch

    x = torch.tensor([ids])
    with torch.no_grad():
        out = tiny_base.model.generate(input_ids=x, attention_mask=torch.ones_like(x), max_new_tokens=N, do_sample=False,
                                       pad_token_id=tiny_base.tokenizer.pad_token_id)
    return tiny_base.tokenizer.decode(out[0, x.shape[1]:], skip_special_tokens=True)


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    from memlora.registry.store import AdapterRegistry

    root = tmp_path_factory.mktemp("serve-rejected")
    server = ServerProc(root / "home", tiny_base_dir, TOML, root / "server.log")
    s = server.settings()
    server.dirs = {"carol": _version(s, tiny_base, root, "carol", 41, Residual([], ["c0"]), passed=True)}
    _version(s, tiny_base, root, "carol", 42, Residual(CAROL), passed=False)
    _version(s, tiny_base, root, "dave", 43, Residual(DAVE), passed=False)
    assert AdapterRegistry(s).catalog()[2] == {"carol": 2, "dave": 1}
    server.start()
    yield server
    server.stop()


def _ask(srv, tenant):
    c = openai.OpenAI(base_url=srv.url + "/v1", api_key="unused", max_retries=0, timeout=120)
    raw = c.chat.completions.with_raw_response.create(model=tenant, messages=[{"role": "user", "content": PROMPT}],
                                                      max_tokens=N, temperature=0)
    return raw, raw.parse()


def test_a_rejected_version_is_served_over_the_champion_less_what_it_carries(srv, tiny_base):
    raw, r = _ask(srv, "carol")
    ids, n_res = served_ids(tiny_base.tokenizer, [{"role": "user", "content": PROMPT}], [CAROL[1].line])
    assert raw.headers["x-memlora-adapter"] == "1"
    assert int(raw.headers["x-memlora-residual-tokens"]) == n_res > 0
    assert r.choices[0].message.content == peft_on(tiny_base, srv.dirs["carol"], ids)
    assert r.usage.prompt_tokens == len(ids)


def test_a_tenant_with_only_a_rejected_version_gets_its_memory_on_the_base(srv, tiny_base):
    raw, r = _ask(srv, "dave")
    ids, n_res = served_ids(tiny_base.tokenizer, [{"role": "user", "content": PROMPT}], [i.line for i in DAVE])
    assert raw.headers["x-memlora-adapter"] == "none"
    assert int(raw.headers["x-memlora-residual-tokens"]) == n_res > 0
    assert r.choices[0].message.content == base_on(tiny_base, ids)
    _ask(srv, "dave")
    assert metric(srv, "memlora_residual_prefix_cache_hits_total") >= 1  # the prefix KV is kept in dave's slot


def test_a_forgotten_tenant_gets_none_of_its_memory(srv, tiny_base):
    _ask(srv, "dave")
    assert httpx.post(f"{srv.url}/admin/forget", json={"tenant": "dave"}, timeout=120).json()["forgotten"] is True
    raw, r = _ask(srv, "dave")
    assert raw.headers["x-memlora-residual-tokens"] == "0" and raw.headers["x-memlora-adapter"] == "none"
    assert r.usage.prompt_tokens == len(chat_ids(tiny_base.tokenizer, PROMPT))
    assert r.choices[0].message.content == base_on(tiny_base, chat_ids(tiny_base.tokenizer, PROMPT))


def test_a_newer_champion_ends_the_rejected_memory(settings, tiny_base, tmp_path):
    from memlora.registry.store import AdapterRegistry

    _version(settings, tiny_base, tmp_path, "erin", 51, Residual(CAROL), passed=False)
    reg = AdapterRegistry(settings)
    assert reg.catalog()[2] == {"erin": 1}
    _version(settings, tiny_base, tmp_path, "erin", 52, Residual([], ["c0", "c1"]), passed=True)
    assert reg.catalog()[0] == {"erin": 2} and reg.catalog()[2] == {}
    assert "rejected" not in reg.versions("erin")[1].aliases


def test_forget_removes_a_rejected_versions_memory_from_the_registry_and_the_cache(settings, tiny_base, tmp_path):
    from memlora.registry.store import AdapterRegistry

    _version(settings, tiny_base, tmp_path, "fay", 61, Residual(DAVE), passed=False)
    reg = AdapterRegistry(settings)
    local = reg.resolve("fay", None, version=1).path  # the copy a server reads the residual from
    assert (local / "residual.json").is_file()
    reg.forget("fay")
    assert reg.catalog() == ({}, [], {}) and not local.exists()
