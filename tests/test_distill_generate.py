"""Batched generation helpers: same answers as transformers' own generate, guidance in one batch, bans, determinism."""
from __future__ import annotations

import pytest
import torch

from memlora.runtime.generate import generate
from memlora.runtime.request import GenRequest
from memlora.runtime.scoring import sequence_logprobs
from memlora.runtime.tokens import bad_words_ids, chat_ids

QS = ["How do I make pancakes?", "What is the capital of France?", "Give me three tips for a rainy weekend."]
SYSTEM = "You are a helpful assistant. The user's boat is called Sea Biscuit."


def test_ban_determinism_and_batch_invariance(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    reqs = [GenRequest(chat_ids(tok, q, SYSTEM), chat_ids(tok, q), [], 12) for q in QS]
    free = generate(model, tok, reqs, batch_size=3)
    first = {o[0] for o in free if o}
    banned_text = [tok.decode([t]) for t in first]
    bans = [[t] for t in first]
    reqs_b = [GenRequest(r.input_ids, r.negative_ids, bans, 12) for r in reqs]
    out = generate(model, tok, reqs_b, batch_size=3)
    assert all(not (set(o) & first) for o in out), banned_text
    kw = dict(guidance_scale=2.0, do_sample=True, temperature=0.9, top_p=0.9, seed=7)
    a = generate(model, tok, reqs, batch_size=2, **kw)
    b = generate(model, tok, reqs, batch_size=2, **kw)
    assert a == b  # deterministic for a fixed seed
    greedy_1 = generate(model, tok, reqs, batch_size=1, guidance_scale=2.0)
    greedy_3 = generate(model, tok, reqs, batch_size=3, guidance_scale=2.0)
    assert greedy_1 == greedy_3  # left padding does not change answers
    lp_batched = sequence_logprobs(model, [r.input_ids for r in reqs], free, batch_size=3, pad_id=tok.pad_token_id)
    lp_single = [sequence_logprobs(model, [r.input_ids], [f], pad_id=tok.pad_token_id)[0] for r, f in zip(reqs, free)]
    for (x, n), (y, m) in zip(lp_batched, lp_single):
        assert n == m and abs(x - y) < 1e-3
    r, f = reqs[0], free[0]
    with torch.no_grad():
        logp = model(input_ids=torch.tensor([r.input_ids + f])).logits[0].log_softmax(-1)
    by_hand = sum(float(logp[len(r.input_ids) - 1 + j, t]) for j, t in enumerate(f))
    assert abs(lp_batched[0][0] - by_hand) < 1e-3 and lp_batched[0][1] == len(f)


def test_bad_words_cover_case_and_spacing(tiny_base):
    tok = tiny_base.tokenizer
    seqs = bad_words_ids(tok, ["cheap"])
    decoded = {tok.decode(s) for s in seqs}
    assert {"cheap", " cheap", "Cheap", " Cheap"} <= decoded


@pytest.mark.model
@pytest.mark.timeout(300)
def test_matches_transformers_generate_plain_and_guided(real_base_dir, tmp_path):
    """Our batched loop gives the same greedy tokens as `model.generate`, with and without guidance."""
    from memlora.runtime.base import load_base
    from memlora.settings import Settings

    b = load_base(Settings(home=tmp_path, base_model=str(real_base_dir)))
    tok, model = b.tokenizer, b.model
    reqs = [GenRequest(chat_ids(tok, q, SYSTEM), chat_ids(tok, q), [], 10) for q in QS[:2]]
    ours = generate(model, tok, reqs, batch_size=2)
    ours_cfg = generate(model, tok, reqs, batch_size=2, guidance_scale=1.5)
    eos = [tok.eos_token_id, tok.convert_tokens_to_ids("<|im_end|>")]
    for r, o, oc in zip(reqs, ours, ours_cfg):
        ids = torch.tensor([r.input_ids])
        ref = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=10, do_sample=False, eos_token_id=eos)
        assert ref[0, ids.shape[1]:].tolist()[: len(o)] == o
        ref_cfg = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=10, do_sample=False, eos_token_id=eos,
                                 guidance_scale=1.5, negative_prompt_ids=torch.tensor([r.negative_ids]))
        assert ref_cfg[0, ids.shape[1]:].tolist()[: len(oc)] == oc


def test_rounds_reuse_prompts_give_each_rounds_own_tokens(tiny_base):
    """n answers per prompt with one prefill (later rounds rewind to the prompts) are, round by round, exactly what
    a fresh `generate` call of that round writes: greedy and sampled, guided and plain, rows finishing early."""
    from memlora.runtime.generate import Round, generate_rounds

    tok, model = tiny_base.tokenizer, tiny_base.model
    reqs = [GenRequest(chat_ids(tok, q, SYSTEM if i % 2 else "Be brief."), chat_ids(tok, q), [], 4 + 5 * i)
            for i, q in enumerate(QS + ["Name a fruit.", "Why is the sky blue?"])]
    rounds = [Round(False, 11), Round(True, 12), Round(True, 13)]
    kw = dict(batch_size=3, temperature=0.9, top_p=0.9, repetition_penalty=1.15)
    for gs in (1.0, 1.5):
        fresh = [generate(model, tok, reqs, guidance_scale=gs, do_sample=r.do_sample, seed=r.seed, **kw) for r in rounds]
        reused = generate_rounds(model, tok, reqs, rounds, guidance_scale=gs, **kw)
        assert reused == fresh
        assert generate_rounds(model, tok, reqs, rounds, guidance_scale=gs, reuse_prompts=False, **kw) == fresh
        assert fresh[1] != fresh[2]  # the sampled rounds differ, so a rewind that replayed a round would show
        lengths = {len(o) for o in fresh[0]}
        assert len(lengths) > 1  # rows left the batch at different steps (swap-remove moved the cache's rows)
