"""What the gate evaluates is what the server serves: the gate's decoder (batched, lean, adapter merged) and the
serving engine (continuous batching, adapter in a LoRA slot) give the same tokens for the same adapter and
prompt, greedy and seeded, because both use the runtime's sampler, end ids and chat encoding."""
from __future__ import annotations

import time

import pytest

from memlora.adapters.evaluate import adapter_attached
from memlora.adapters.evaluate import generate as gate_answers
from memlora.runtime.base import load_base
from memlora.runtime.generate import generate
from memlora.runtime.request import GenRequest
from memlora.runtime.tokens import chat_ids, end_ids
from memlora.serving.engine import Engine
from serving_fixtures import write_peft_adapter
from serving_http_fixtures import chat_ids as api_chat_ids

pytestmark = pytest.mark.timeout(300)
PROMPTS = ["Tell me a story", "What is my boat called?", "Name three colours."]
N = 12


@pytest.fixture
def served(settings, tiny_base, tmp_path):
    """An adapter on disk, and a serving engine (its own copy of the base) that serves it as tenant "ana"."""
    path = write_peft_adapter(tiny_base.model, tmp_path / "ana", seed=21, r=8, alpha=16, base_fingerprint=tiny_base.fingerprint,
                              tenant="ana", std=0.1)
    eng = Engine(load_base(settings), settings, lambda t: path if t == "ana" else None)
    yield path, eng
    eng.close()


def _serve(eng: Engine, reqs: list[GenRequest]) -> dict[str, list[int]]:
    """Token ids per request, the final end token left out (the gate's decoder never returns it)."""
    for r in reqs:
        eng.add(r)
    out: dict[str, list[int]] = {r.id: [] for r in reqs}
    deadline = time.monotonic() + 120
    while eng.has_work():
        assert time.monotonic() < deadline, "engine did not finish"
        for o in eng.step():
            if o.token_id is not None and not (o.finish_reason == "stop" and o.token_id in eng.eos):
                out[o.id].append(o.token_id)
            assert o.finish_reason in (None, "stop", "length"), o
    return out


def test_gate_and_server_answer_with_the_same_tokens(served, tiny_base):
    path, eng = served
    tok = tiny_base.tokenizer
    assert eng.eos == end_ids(tok, tiny_base.model)
    ids = [chat_ids(tok, p) for p in PROMPTS]
    assert ids == [api_chat_ids(tok, p) for p in PROMPTS]  # the HTTP layer's encoding of the same user turn
    with adapter_attached(tiny_base, path) as peft_model:
        gate_tokens = generate(peft_model, tok, [GenRequest(i, max_new_tokens=N) for i in ids], batch_size=len(ids))
        gate_text = gate_answers(peft_model, tok, PROMPTS, [None] * len(PROMPTS), N)
        seeded = [generate(peft_model, tok, [GenRequest(i, max_new_tokens=N)], do_sample=True, temperature=1.3, top_p=0.95,
                           top_k=50, seed=5)[0] for i in ids]
    served_tokens = _serve(eng, [GenRequest(i, id=f"g{n}", tenant="ana", max_new_tokens=N) for n, i in enumerate(ids)])
    assert [served_tokens[f"g{n}"] for n in range(len(ids))] == gate_tokens
    assert [tok.decode(t, skip_special_tokens=True).strip() for t in gate_tokens] == gate_text
    # batch generation seeds batch b's generator with seed * 100003 + b; a request with that seed draws the same tokens
    sampled = _serve(eng, [GenRequest(i, id=f"s{n}", tenant="ana", max_new_tokens=N, temperature=1.3, top_p=0.95, top_k=50,
                                      seed=5 * 100003) for n, i in enumerate(ids)])
    assert [sampled[f"s{n}"] for n in range(len(ids))] == seeded
    assert seeded != gate_tokens  # the draws were not simply the greedy answers
