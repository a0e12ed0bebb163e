"""Decode-time enforcement over HTTP: a real `memlora serve` (tiny model, real registry), the official `openai` client.

alice's champion lists an opening, a closing and an avoided word in its residual.json (items it does not carry);
carol's a word limit and bullet points; dora's two facts and a closing; erin's weights carry her one fact (no
residual item, the fact listed as carried); bob's has none. The tiny random model answers alice with the avoided
word over and over and follows no instruction, so every check below fails without enforcement (the last test
shows it, with the setting off).
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import openai
import pytest
from serving_http_fixtures import ServerProc, peft_greedy

from memlora.adapter_dir import Residual, ResidualItem, write_residual
from memlora.distill.profile import item_line
from memlora.distill.quality import complies
from memlora.distill.schema import fact_statement, make_probe

pytestmark = pytest.mark.timeout(600)
TOML = '[serving]\nregistry_poll_seconds = 3600\nmax_batch_size = 4\nmissing_adapter = "404"\n'
OPENING, CLOSING, AVOID = "Ahoy!", "Fair winds!", "interstellar"
ITEMS = {"alice": [("opening", OPENING, ""), ("closing", CLOSING, ""), ("avoid", [AVOID], "")],
         "carol": [("length", 8, ""), ("format", "bullets", "")], "bob": [],
         "dora": [("fact", "Miso", "cat"), ("fact", "Porto", "city"), ("closing", CLOSING, "")], "erin": []}
CARRIED_FACTS = {"erin": [("fact", "Biscuit", "hamster")]}
PROMPTS = ["Tell me about boats.", "What should I eat tonight?", "Plan a trip to the sea.", "hi"]
N = 16


def _register(settings, tiny_base, root, tenant, seed):
    from serving_fixtures import write_peft_adapter

    from memlora.registry.store import AdapterRegistry

    out = write_peft_adapter(tiny_base.model, root / f"{tenant}-s{seed}", seed=seed, r=8, alpha=16,
                             base_fingerprint=tiny_base.fingerprint, tenant=tenant, std=0.08)
    if ITEMS[tenant] or tenant in CARRIED_FACTS:
        facts = [_item(100 + k, *f) for k, f in enumerate(CARRIED_FACTS.get(tenant, []))]
        write_residual(out, Residual([_item(k, kind, v, slot) for k, (kind, v, slot) in enumerate(ITEMS[tenant])],
                                     [f.id for f in facts], facts))
    AdapterRegistry(settings).register(tenant, out)
    return out


def _item(k: int, kind: str, value, slot: str) -> ResidualItem:
    """A residual item as the gate writes it; a fact with the statement and probe question its profile item has."""
    text = f"My {slot} is {value}." if kind == "fact" else "said once"
    item = ResidualItem(f"i{k}", kind, text, item_line(kind, value, slot, text), "not_carried")
    if kind != "fact":
        return item
    return replace(item, slot=slot, value=value, statement=fact_statement(slot, value), question=make_probe(slot, value)["question"])


def _serve(root, tiny_base, tiny_base_dir, toml: str) -> ServerProc:
    server = ServerProc(root / "home", tiny_base_dir, toml, root / "server.log")
    s = server.settings()
    server.dirs = {t: _register(s, tiny_base, root, t, seed) for t, seed in (("alice", 41), ("bob", 42), ("carol", 43), ("dora", 44), ("erin", 45))}
    return server.start()


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    server = _serve(tmp_path_factory.mktemp("serve-enforce"), tiny_base, tiny_base_dir, TOML)
    yield server
    server.stop()


def _client(server):
    return openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=120)


def ask(server, tenant, prompt, system=None, stream=False):
    """(answer text, the x-memlora-enforced header, streamed content deltas or None)."""
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": prompt}]
    raw = _client(server).chat.completions.with_raw_response.create(model=tenant, messages=msgs, max_tokens=N, temperature=0,
                                                                   stream=stream)
    if not stream:
        r = raw.parse()
        assert r.model_extra["enforced"] == [k for k in raw.headers["x-memlora-enforced"].split(",") if k != "none"]
        return r.choices[0].message.content, raw.headers["x-memlora-enforced"], None
    deltas = [c.choices[0].delta.content for c in raw.parse() if c.choices and c.choices[0].delta.content]
    return "".join(deltas), raw.headers["x-memlora-enforced"], deltas


def follows_alice(text: str) -> bool:
    return text.startswith(OPENING) and text.endswith(CLOSING) and not re.search(rf"\b{AVOID}\b", text, re.I)


def test_every_answer_follows_the_enforced_items(srv):
    for prompt in PROMPTS:
        plain, header, _ = ask(srv, "alice", prompt)
        assert header == "opening,closing,avoid"
        assert follows_alice(plain), plain
        streamed, header, deltas = ask(srv, "alice", prompt, stream=True)
        assert header == "opening,closing,avoid"
        assert streamed == plain, "a streamed answer is the answer, delta by delta"
        assert deltas[0] == OPENING and deltas[-1].endswith(" " + CLOSING), deltas


def test_a_system_prompt_of_ones_own_keeps_the_enforcement(srv):
    text, header, _ = ask(srv, "alice", PROMPTS[0], system="You are terse.")
    assert header == "opening,closing,avoid" and follows_alice(text), text


def test_length_and_bullets_are_built(srv):
    raw = _client(srv).chat.completions.with_raw_response.create(model="carol", messages=[{"role": "user", "content": "hi"}], max_tokens=2)
    assert raw.headers["x-memlora-residual-tokens"] == "0", "items built outright are not also asked for in the prompt"
    for prompt in PROMPTS[:2]:
        for stream in (False, True):
            text, header, _ = ask(srv, "carol", prompt, stream=stream)
            assert header == "length,format"
            assert complies({"kind": "length", "value": 8}, text) and complies({"kind": "format", "value": "bullets"}, text), text
            assert text.startswith("- ") and text.endswith("."), text


def test_a_question_asking_for_a_fact_is_answered_with_its_statement(srv):
    """The random model never names Miso or Porto; the answer is built as the teacher builds it, closing included."""
    for prompt, want in (("What's my cat called?", "Your cat is named Miso."), ("remind me which city I live in", "You live in Porto."),
                         ("Comment s'appelle mon chat ?", "Your cat is named Miso.")):
        for stream in (False, True):
            text, header, _ = ask(srv, "dora", prompt, stream=stream)
            assert (text, header) == (f"{want} {CLOSING}", "closing,fact"), (prompt, text, header)


def test_a_fact_the_weights_carry_is_answered_by_construction_too(srv):
    text, header, _ = ask(srv, "erin", "What's the name of my hamster?")
    assert (text, header) == ("Your hamster is named Biscuit.", "fact"), text
    text, header, _ = ask(srv, "erin", "What should I eat tonight?")
    assert header == "none" and "Biscuit" not in text, text


def test_other_questions_are_not_answered_with_a_fact(srv):
    for prompt in ("How long do cats live?", "What should I eat tonight?", "Which city should I visit in Portugal?"):
        text, header, _ = ask(srv, "dora", prompt)
        assert header == "closing" and "Miso" not in text and "Porto" not in text and text.endswith(CLOSING), (prompt, text)
    text, header, _ = ask(srv, "alice", "What's my cat called?")
    assert header == "opening,closing,avoid", "another tenant's facts are never matched"


def test_other_tenants_and_the_base_in_the_same_batch_are_untouched(srv, tiny_base):
    jobs = [("alice", p) for p in PROMPTS[:2]] + [("bob", PROMPTS[0]), (None, PROMPTS[1])]
    with ThreadPoolExecutor(len(jobs)) as pool:
        got = list(pool.map(lambda j: ask(srv, j[0] or "base", j[1]), jobs))
    for (tenant, prompt), (text, header, _) in zip(jobs, got):
        if tenant == "alice":
            assert header == "opening,closing,avoid" and follows_alice(text), text
        else:
            assert header == "none"
            assert text == peft_greedy(tiny_base, srv.dirs[tenant] if tenant else None, prompt, N), (tenant, text)


def test_enforced_items_are_counted_in_metrics(srv):
    def count(kind: str) -> float:
        m = re.search(rf'^memlora_residual_enforced_items_total{{kind="{kind}"}} ([0-9.e+-]+)$',
                      httpx.get(srv.url + "/metrics", timeout=30).text, re.MULTILINE)
        return float(m.group(1)) if m else 0.0

    before = {k: count(k) for k in ("opening", "avoid", "length", "format")}
    ask(srv, "alice", "hi")
    ask(srv, "bob", "hi")
    assert count("opening") - before["opening"] == 1 and count("avoid") - before["avoid"] == 1
    assert count("length") == before["length"] and count("format") == before["format"]


@pytest.mark.slow  # a second server (~50 s)
def test_setting_off_leaves_the_items_to_the_prompt(tiny_base, tiny_base_dir, tmp_path):
    server = _serve(tmp_path, tiny_base, tiny_base_dir, TOML + "enforce_residual = false\n")
    try:
        said = 0
        for prompt in PROMPTS:
            text, header, _ = ask(server, "alice", prompt)
            assert header == "none" and not text.startswith(OPENING) and not text.endswith(CLOSING), text
            said += bool(re.search(rf"\b{AVOID}\b", text))
            text, _, _ = ask(server, "carol", prompt)
            assert not complies({"kind": "format", "value": "bullets"}, text), text
        assert said >= len(PROMPTS) // 2, "left to the prompt, the model says the avoided word"
    finally:
        server.stop()
