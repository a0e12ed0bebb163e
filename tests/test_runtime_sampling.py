"""The one sampler: what a request's sampling parameters promise (top-k, top-p, greedy limits, seeds, penalties)."""
from __future__ import annotations

import torch

from memlora.runtime.request import Sampling
from memlora.runtime.sampling import generator, penalize, sample

LOGITS = torch.tensor([[4.0, 3.0, 2.5, 1.0, 0.5, -1.0, -2.0, -3.0]])


def _draws(s: Sampling, seed: int = 0, n: int = 400) -> set[int]:
    g = generator(seed)
    return {int(sample(LOGITS, s, g)[0]) for _ in range(n)}


def test_top_k_and_top_p_bound_what_can_be_drawn():
    assert _draws(Sampling(temperature=5.0)) == set(range(8))  # hot, untruncated: every token turns up
    assert _draws(Sampling(temperature=5.0, top_k=3)) == {0, 1, 2}
    assert _draws(Sampling(temperature=1.0, top_p=0.5)) == {0}  # token 0 alone holds over half the mass
    assert _draws(Sampling(temperature=1.0, top_p=0.8)) == {0, 1}  # mass before token 2 is 0.81 > 0.8
    assert _draws(Sampling(temperature=1.0, top_p=0.9)) == {0, 1, 2}  # mass before token 3 is 0.95 > 0.9
    assert _draws(Sampling(temperature=1.0, top_p=5e-324)) == {0}  # a top_p float32 rounds to 0 keeps the likeliest


def test_greedy_limits_and_seeds():
    assert int(sample(LOGITS, Sampling(temperature=0.0), generator(1))[0]) == 0
    assert int(sample(LOGITS, Sampling(temperature=2.2e-313), generator(1))[0]) == 0  # subnormal: argmax, not inf/nan
    hot = Sampling(temperature=3.0, top_p=0.95)
    runs = [[int(sample(LOGITS, hot, g)[0]) for _ in range(30)] for g in (generator(7), generator(7), generator(8))]
    assert runs[0] == runs[1] != runs[2]
    rows = torch.cat([LOGITS, LOGITS.flip(-1)])  # a batch draws row by row from one generator: row 1 mirrors row 0's range
    assert {int(t) for t in sample(rows, Sampling(temperature=1.0, top_k=1), generator(0))} == {0, 7}


def test_penalties_follow_hf_and_openai_formulas():
    row = torch.tensor([2.0, -2.0, 1.0, 0.5])
    rep = penalize(row, Sampling(repetition_penalty=2.0), seen=[0, 1], counts={})
    assert rep.tolist() == [1.0, -4.0, 1.0, 0.5]  # positive / r, negative * r, unseen untouched
    fp = penalize(row, Sampling(frequency_penalty=0.5, presence_penalty=0.25), seen=[], counts={2: 3})
    assert fp.tolist() == [2.0, -2.0, 1.0 - 1.5 - 0.25, 0.5]
    assert row.tolist() == [2.0, -2.0, 1.0, 0.5]  # the caller's logits are left alone
