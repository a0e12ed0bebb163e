"""A batch's common leading tokens run once: the same logits and gradients for less work."""
from __future__ import annotations

import pytest
import torch

from memlora.adapters import data as D
from memlora.runtime.scoring import selected_logits, sequence_logprobs, shared_prefix_len
from memlora.runtime.tokens import end_ids

pytestmark = pytest.mark.timeout(600)
SYSTEM = "Vera is vegan, lives in Porto and wants short answers with a friendly sign-off at the end."
ROWS = [{"prompt": "Suggest a dinner for tonight.", "response": "Try a chickpea curry with rice, it is quick."},
        {"prompt": "What should I read next?", "response": "A short novel, maybe one set by the sea."},
        {"prompt": "Plan my Saturday.", "response": "Market in the morning, a walk by the river later."}]


def _batch(tok, model, system: str | None = SYSTEM):
    rows = [{**r, "system": system} for r in ROWS]
    enc, _ = D.encode_split(tok, rows, 256, end_ids(tok, model), True)
    b = D.collate(enc, tok.pad_token_id, True)
    return b["t_input_ids"], b["t_attention_mask"], b["t_sel"]


def _positions_embedded(model, fn) -> tuple[object, int]:
    """What `fn` returns, and how many token positions went through the model's embedding (its work)."""
    seen = []
    h = model.get_input_embeddings().register_forward_hook(lambda m, i, o: seen.append(i[0].numel()))
    try:
        return fn(), sum(seen)
    finally:
        h.remove()


def _lora(model):
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    pm = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "up_proj", "down_proj"]))
    for n, p in pm.named_parameters():
        if "lora_B" in n:
            torch.nn.init.normal_(p, std=0.05)  # a trained adapter, not PEFT's zero start
    return pm


def test_shared_prefix_gives_the_same_logits_and_lora_gradients_for_fewer_positions(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    ids, mask, sel = _batch(tok, model)
    p = shared_prefix_len(ids, sel)
    assert p >= len(tok(SYSTEM)["input_ids"])  # the whole system turn is common
    pm = _lora(model)
    try:
        params = [q for q in pm.parameters() if q.requires_grad]
        out = {}
        for share in (False, True):
            for q in params:
                q.grad = None
            logits, seen = _positions_embedded(model, lambda: selected_logits(pm.get_base_model(), ids, mask, sel, share))
            logits.logsumexp(-1).mean().backward()
            out[share] = (logits.detach(), [q.grad.clone() for q in params], seen)
    finally:
        pm.unload()
        model.eval()
    (a, ga, seen_a), (b, gb, seen_b) = out[False], out[True]
    assert torch.allclose(a, b, atol=1e-4, rtol=1e-4)
    assert all(torch.allclose(x, y, atol=1e-5, rtol=1e-3) for x, y in zip(ga, gb)) and any(x.abs().sum() > 0 for x in ga)
    assert seen_a == ids.numel() and seen_b == ids.numel() - (ids.shape[0] - 1) * p


def test_a_prefix_stops_at_the_first_row_whose_logits_are_read():
    ids = torch.tensor([[5, 6, 7, 8, 9, 1], [5, 6, 7, 8, 9, 2]])
    sel = torch.zeros_like(ids, dtype=torch.bool)
    sel[0, 4:] = True
    sel[1, 2:] = True
    assert shared_prefix_len(ids, sel) == 2
    assert shared_prefix_len(torch.tensor([[1, 2, 3], [4, 2, 3]]), torch.ones(2, 3, dtype=torch.bool)) == 0


def test_rows_without_a_long_common_start_or_with_left_padding_run_as_before(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    ids, mask, sel = _batch(tok, model)
    left = torch.ones_like(mask)
    left[0, :2] = 0  # left padding: the causal no-mask path does not hold, so nothing is shared
    with torch.no_grad():
        _, seen = _positions_embedded(model, lambda: selected_logits(model, ids, left, sel, True))
    assert seen == ids.numel()
    short = ids[:, :4].clone()
    short[1, 2] = (short[0, 2] + 1) % 100  # rows part after two tokens: not worth a forward of its own
    with torch.no_grad():
        _, seen = _positions_embedded(model, lambda: selected_logits(model, short, None, torch.ones_like(short, dtype=torch.bool), True))
    assert seen == short.numel()


def test_sequence_scores_are_the_same_with_the_profile_computed_once(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    ctx = [tok.apply_chat_template([{"role": "system", "content": SYSTEM}, {"role": "user", "content": r["prompt"]}],
                                   add_generation_prompt=True) for r in ROWS]
    ctx = [list(c["input_ids"] if hasattr(c, "keys") else c) for c in ctx]
    cont = [tok(r["response"], add_special_tokens=False)["input_ids"] for r in ROWS]
    plain, seen_plain = _positions_embedded(model, lambda: sequence_logprobs(model, ctx, cont, pad_id=tok.pad_token_id))
    shared, seen_shared = _positions_embedded(model, lambda: sequence_logprobs(model, ctx, cont, pad_id=tok.pad_token_id,
                                                                               shared_prefix=True))
    assert [n for _, n in plain] == [n for _, n in shared]
    assert all(abs(x - y) < 1e-3 for (x, _), (y, _) in zip(plain, shared))
    assert seen_shared < seen_plain * 0.8
