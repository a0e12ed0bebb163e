"""The lean decoder gives the transformers path's answers: shared prefixes, rows leaving the batch, guidance, LoRA."""
from __future__ import annotations

import pytest
import torch

from memlora.runtime.decoder import LeanLlama, supported
from memlora.runtime.generate import generate
from memlora.runtime.request import GenRequest
from memlora.runtime.tokens import chat_ids

QS = ["How do I make pancakes?", "What is the capital of France?", "Give me three tips for a rainy weekend.",
      "Explain rainbows.", "Name a colour.", "How do I keep basil alive on a windowsill in winter?"]
SYS_A = "You are a helpful assistant. The user's boat is called Sea Biscuit."
SYS_B = "Answer in bullet points. The user is vegan."


def _requests(tok) -> list[GenRequest]:
    """Three prefix groups (two profiles and none), forced openings of different lengths, and different
    token limits so rows finish at different steps and leave the batch in the middle."""
    reqs = []
    for i, q in enumerate(QS):
        system = [SYS_A, SYS_B, None][i % 3]
        prefix = ["", "Hi!", "Sure, here is"][i % 3]
        reqs.append(GenRequest(chat_ids(tok, q, system, prefix), chat_ids(tok, q, None, prefix), [], 4 + 3 * i))
    return reqs


def _agree(model, reqs, ours, ref, guidance_scale=1.0) -> None:
    """Equal tokens; where they differ, only at a near-tie of the reference model's own top two logits."""
    for r, a, b in zip(reqs, ours, ref):
        if a == b:
            continue
        k = next(i for i, (x, y) in enumerate(zip(a + [-1], b + [-1])) if x != y)
        with torch.no_grad():
            ids = torch.tensor([r.input_ids + b[:k]])
            lg = model(input_ids=ids).logits[0, -1]
        top = lg.topk(2).values
        assert guidance_scale == 1.0 and float(top[0] - top[1]) < 1e-4, (a, b, k)


def test_lean_matches_transformers_path(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    assert supported(model)
    reqs = _requests(tok)
    for gs in (1.0, 2.0):
        ref = generate(model, tok, reqs, batch_size=6, guidance_scale=gs, lean=False)
        ours = generate(model, tok, reqs, batch_size=6, guidance_scale=gs, lean=True)
        assert [len(o) for o in ours] == [len(o) for o in ref]
        assert any(len(o) < max(len(x) for x in ours) for o in ours)  # some rows left the batch early
        _agree(model, reqs, ours, ref, gs)
    kw = dict(guidance_scale=1.5, do_sample=True, temperature=0.9, top_p=0.9, seed=3)
    assert generate(model, tok, reqs, batch_size=4, **kw) == generate(model, tok, reqs, batch_size=4, **kw)


def test_shared_prefix_and_padding_do_not_change_logits(tiny_base):
    """Prefill logits of each row equal a plain one-row forward of the same prompt."""
    from memlora.runtime.decoder import LeanStepper
    from memlora.runtime.generate import _prefix_groups

    tok, model = tiny_base.tokenizer, tiny_base.model
    rows = [r.input_ids for r in _requests(tok)]
    lean = LeanLlama(model)
    st = LeanStepper(lean, rows, _prefix_groups(rows, tok.convert_tokens_to_ids("<|im_end|>")), 4)
    got = st.prefill_logits()
    with torch.no_grad():
        for i, r in enumerate(rows):
            want = model(input_ids=torch.tensor([r])).logits[0, -1]
            assert torch.allclose(got[i], want, atol=1e-4), i


def test_lora_adapter_merged_and_disabled(tiny_base):
    """With a PEFT adapter on, answers are the adapter's; inside disable_adapter() they are the base's."""
    from peft import LoraConfig, get_peft_model

    from memlora.adapters.evaluate import detach_lora

    tok, model = tiny_base.tokenizer, tiny_base.model
    reqs = _requests(tok)[:3]
    base_ans = generate(model, tok, reqs, batch_size=3, lean=False)
    torch.manual_seed(0)
    cfg = LoraConfig(r=4, lora_alpha=64, target_modules=["q_proj", "v_proj", "gate_proj", "down_proj"], init_lora_weights=False)
    pm = get_peft_model(model, cfg)
    try:
        ref = generate(pm, tok, reqs, batch_size=3, lean=False)
        ours = generate(pm, tok, reqs, batch_size=3, lean=True)
        assert ref != base_ans  # the adapter changes answers, so agreeing below means it was applied
        _agree(pm, reqs, ours, ref)
        with pm.disable_adapter():
            off = generate(pm, tok, reqs, batch_size=3, lean=True)
        _agree(model, reqs, off, base_ans)
    finally:
        detach_lora(tiny_base, pm)
    _agree(model, reqs, generate(model, tok, reqs, batch_size=3), base_ans)  # the shared base is clean again


def test_unsupported_model_falls_back(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    model.config.model_type = "gpt2"
    try:
        assert not supported(model)
        out = generate(model, tok, _requests(tok)[:2], batch_size=2)
    finally:
        model.config.model_type = "llama"
    assert out == generate(model, tok, _requests(tok)[:2], batch_size=2, lean=False)


@pytest.mark.model
@pytest.mark.timeout(300)
def test_lean_matches_transformers_on_real_model(real_base_dir, tmp_path):
    from memlora.runtime.base import load_base
    from memlora.settings import Settings

    b = load_base(Settings(home=tmp_path, base_model=str(real_base_dir)))
    reqs = _requests(b.tokenizer)
    for gs in (1.0, 1.5):
        ref = generate(b.model, b.tokenizer, reqs, batch_size=6, guidance_scale=gs, lean=False)
        ours = generate(b.model, b.tokenizer, reqs, batch_size=6, guidance_scale=gs, lean=True)
        _agree(b.model, reqs, ours, ref, gs)


def test_kv_budget_splits_batches_without_changing_answers(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    reqs = _requests(tok)
    calls = []
    import memlora.runtime.generate as G

    real = G._generate_batch
    try:
        G._generate_batch = lambda model, reqs, *a, **k: calls.append(len(reqs)) or real(model, reqs, *a, **k)
        small = generate(model, tok, reqs, batch_size=6, kv_budget_bytes=1)
    finally:
        G._generate_batch = real
    assert calls == [1] * len(reqs)  # a budget below one row's cache decodes one request at a time
    _agree(model, reqs, small, generate(model, tok, reqs, batch_size=6))


def test_adapters_the_fused_weights_cannot_express_fall_back(tiny_base):
    """A LoRA on the embedding (a foreign adapter may have one) is not mergeable into the fused GEMMs."""
    from peft import LoraConfig, get_peft_model

    from memlora.adapters.evaluate import detach_lora

    model = tiny_base.model
    pm = get_peft_model(model, LoraConfig(r=4, target_modules=["embed_tokens", "q_proj"], init_lora_weights=False))
    try:
        assert not supported(pm)
    finally:
        detach_lora(tiny_base, pm)
    assert supported(model)
