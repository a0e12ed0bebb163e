"""The stepper interface batch generation drives, and its transformers implementation.

A stepper owns one batch's forward passes and KV cache: `prefill_logits` once, then `step` with one token
per live row, and `keep` when rows finish. decoder.py's `LeanStepper` is the fast path for CPU
Llama-family models; `HFStepper` covers every other model with transformers' forward.
"""
from __future__ import annotations

from typing import Protocol

import torch
from transformers import DynamicCache


def left_pad(seqs: list[list[int]], pad: int, device) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(ids, mask, position ids) [rows, longest], left-padded so every row's next token is in the last column."""
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, n - len(s):] = torch.tensor(s, dtype=torch.long)
        mask[i, n - len(s):] = 1
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    return ids.to(device), mask.to(device), pos.to(device)


class Stepper(Protocol):
    def prefill_logits(self) -> torch.Tensor:
        """Next-token logits [rows, vocab] after the prompts."""

    def step(self, toks: list[int]) -> torch.Tensor:
        """Feed one token per live row; next-token logits [live rows, vocab]."""

    def keep(self, rows: list[int], n: int) -> list[int]:
        """Keep these of the first n rows; returns which old row each new row is."""


class HFStepper:
    """The transformers forward with a DynamicCache: the path for models the lean decoder does not cover."""

    def __init__(self, model, rows: list[list[int]], pad_id: int):
        self.model = model
        self.device = next(model.parameters()).device
        ids, self.mask, pos = left_pad(rows, pad_id, self.device)
        self.cache = DynamicCache()
        out = model(input_ids=ids, attention_mask=self.mask, position_ids=pos, cache=self.cache, use_cache=True, logits_to_keep=1)
        self.cache = self._cache_of(out)
        self.first = out.logits[:, -1, :].float()
        self.last_pos = pos[:, -1]

    def _cache_of(self, out):
        c = getattr(out, "cache", None)
        if c is None:
            c = getattr(out, "past_key_values", None)
        return c if c is not None else self.cache

    def prefill_logits(self) -> torch.Tensor:
        return self.first

    def step(self, toks: list[int]) -> torch.Tensor:
        ids = torch.tensor(toks, device=self.device).unsqueeze(-1)
        self.mask = torch.cat([self.mask, torch.ones((self.mask.shape[0], 1), dtype=self.mask.dtype, device=self.device)], dim=-1)
        self.last_pos = self.last_pos + 1
        out = self.model(input_ids=ids, attention_mask=self.mask, position_ids=self.last_pos.unsqueeze(-1), cache=self.cache, use_cache=True)
        self.cache = self._cache_of(out)
        return out.logits[:, -1, :].float()

    def keep(self, rows: list[int], n: int) -> list[int]:
        sel = torch.tensor(rows, device=self.device)
        self.cache.batch_select_indices(sel)
        self.mask, self.last_pos = self.mask[sel], self.last_pos[sel]
        return list(rows)
