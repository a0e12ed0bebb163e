"""The one sampler: penalties and banned words, then greedy or temperature / top-k / top-p sampling from a seeded generator.

The teacher samples a batch from one generator and the server each request from its own; both call
`sample`, so a seeded draw means the same thing in both. With top-k the sort is over k entries, not the
vocabulary (the teacher's 50); without it the draw is over the vocabulary in token order. Draws use a CPU
generator, so a seed gives the same tokens on any device.
"""
from __future__ import annotations

from collections.abc import Iterable

import torch

from .request import Sampling


def generator(seed: int | None) -> torch.Generator:
    """A CPU generator seeded with `seed`, or from fresh entropy when None."""
    gen = torch.Generator(device="cpu")
    if seed is None:
        gen.seed()
    else:
        gen.manual_seed(int(seed))
    return gen


def penalize(row: torch.Tensor, s: Sampling, seen: Iterable[int], counts: dict[int, int]) -> torch.Tensor:
    """One row's logits with its penalties applied: the repetition penalty as HF's RepetitionPenaltyLogitsProcessor
    (every token in `seen` or `counts` once), then OpenAI's frequency and presence penalties over `counts`
    (token -> times generated)."""
    row = row.clone()
    if s.repetition_penalty != 1.0:
        ids = torch.tensor(sorted(set(seen) | set(counts)), dtype=torch.long, device=row.device)
        v = row[ids]
        row[ids] = torch.where(v < 0, v * s.repetition_penalty, v / s.repetition_penalty)
    if counts and (s.frequency_penalty or s.presence_penalty):
        ids = torch.tensor(list(counts), dtype=torch.long, device=row.device)
        n = torch.tensor(list(counts.values()), dtype=row.dtype, device=row.device)
        row[ids] -= s.frequency_penalty * n + s.presence_penalty
    return row


def ban(logits: torch.Tensor, generated: list[list[int]], bans: list[list[list[int]]]) -> None:
    """In place: -inf for each row's banned sequences' last token where the row's generated tokens end with the
    rest of that sequence (a one-token sequence is banned everywhere). `tokens.bad_words_ids` makes the sequences."""
    for row, seqs in enumerate(bans):
        if not seqs:
            continue
        g = generated[row]
        for s in seqs:
            if len(s) == 1 or (len(g) >= len(s) - 1 and g[len(g) - len(s) + 1:] == s[:-1]):
                logits[row, s[-1]] = float("-inf")


def _nucleus(probs: torch.Tensor, top_p: float, presorted: bool) -> torch.Tensor:
    """Zero the tail past `top_p` of the mass; the likeliest token always stays (mass before it is 0)."""
    sp, si = (probs, None) if presorted else probs.sort(dim=-1, descending=True)
    sp = sp * (sp.cumsum(-1) - sp <= top_p)
    return sp if si is None else torch.zeros_like(sp).scatter_(-1, si, sp)


def sample(logits: torch.Tensor, s: Sampling, gen: torch.Generator | None) -> torch.Tensor:
    """One token per row of `logits` [rows, vocab] -> [rows]; all rows draw from `gen`, row by row."""
    if s.greedy or gen is None:
        return logits.argmax(-1)
    scores = logits.float().nan_to_num(nan=-float("inf"))
    idx = None
    if 0 < s.top_k < scores.shape[-1]:
        scores, idx = scores.topk(s.top_k, dim=-1)
    probs = torch.softmax(scores / float(s.temperature), dim=-1)
    if s.top_p < 1.0:
        probs = _nucleus(probs, s.top_p, presorted=idx is not None)
    probs = probs / probs.sum(-1, keepdim=True)
    choice = torch.multinomial(probs.to(gen.device), 1, generator=gen)
    if idx is not None:
        choice = idx.gather(-1, choice.to(idx.device))
    return choice.squeeze(-1).to(logits.device)
