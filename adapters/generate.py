"""Batched generation and scoring on the base model: the teacher's hot loop.

Hand-written decoding loop, and why: `transformers.generate` batches plain sampling well, but its
classifier-free guidance path (`guidance_scale` + `negative_prompt_ids`) runs the unconditional branch as a
second, unbatched model call per step. Here both branches (with and without the profile) are rows of one
left-padded batch, so a guided step costs one forward of 2B rows, and the KV cache serves both. Requests are
sorted by prompt length before batching so padding stays small. Constraints that are cheaper at decode
time than after it are applied to the logits: banned words (every tokenization variant, multi-token words
by prefix match), a repetition penalty against loops. Deterministic for a fixed seed: one
`torch.Generator` per batch, seeded from (seed, batch index).

The forward itself is a stepper: decoder.py's lean path for CPU Llama-family models (fused GEMMs, shared
system-prompt prefix, preallocated cache), or transformers' forward with a DynamicCache for anything else;
this loop (guidance, bans, sampling, rows leaving) is the same for both.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import torch

from memlora.adapters.decoder import LeanLlama, LeanStepper, supported


@dataclass
class GenRequest:
    prompt_ids: list[int]
    negative_ids: list[int] | None = None
    bad_words_ids: list[list[int]] = field(default_factory=list)
    max_new_tokens: int = 64


def chat_ids(tokenizer, user: str, system: str | None = None, prefix: str = "") -> list[int]:
    """Token ids of a chat ready for the assistant's answer, optionally with the answer's first words forced."""
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    ids = tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=True, return_dict=False)
    if hasattr(ids, "input_ids"):
        ids = ids["input_ids"]
    ids = list(ids)
    if prefix:
        ids += tokenizer.encode(prefix, add_special_tokens=False)
    return ids


def bad_words_ids(tokenizer, words: list[str]) -> list[list[int]]:
    """Every way a word can start in the text (with/without leading space, lower/capitalized/upper)."""
    out: set[tuple[int, ...]] = set()
    for w in words:
        w = w.strip()
        if not w:
            continue
        for v in {w, w.lower(), w.capitalize(), w.upper()}:
            for s in (v, " " + v):
                ids = tokenizer.encode(s, add_special_tokens=False)
                if ids:
                    out.add(tuple(ids))
    return [list(t) for t in sorted(out)]


def _left_pad(seqs: list[list[int]], pad_id: int, device) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, n - len(s):] = torch.tensor(s, dtype=torch.long)
        mask[i, n - len(s):] = 1
    return ids.to(device), mask.to(device)


def _ban(logits: torch.Tensor, generated: list[list[int]], bans: list[list[list[int]]]) -> None:
    for row, seqs in enumerate(bans):
        if not seqs:
            continue
        g = generated[row]
        for s in seqs:
            if len(s) == 1 or (len(g) >= len(s) - 1 and g[len(g) - len(s) + 1:] == s[:-1]):
                logits[row, s[-1]] = float("-inf")


def _sample(logits: torch.Tensor, do_sample: bool, temperature: float, top_p: float, gen: torch.Generator, top_k: int = 50) -> torch.Tensor:
    """Greedy, or top-k then top-p sampling; top-k first so the sort is over 50 entries, not the vocabulary."""
    if not do_sample:
        return logits.argmax(-1)
    vals, idx = logits.topk(min(top_k, logits.shape[-1]), dim=-1)
    probs = torch.softmax(vals / max(temperature, 1e-5), -1)
    if top_p < 1.0:
        keep = probs.cumsum(-1) - probs <= top_p
        probs = probs * keep
    probs = probs / probs.sum(-1, keepdim=True)
    choice = torch.multinomial(probs, 1, generator=gen)
    return idx.gather(-1, choice).squeeze(-1)


class _HFStepper:
    """The transformers forward with a DynamicCache: the path for models the lean decoder does not cover."""

    def __init__(self, model, rows: list[list[int]], pad_id: int):
        from transformers import DynamicCache

        self.model = model
        self.device = next(model.parameters()).device
        ids, self.mask = _left_pad(rows, pad_id, self.device)
        pos = (self.mask.cumsum(-1) - 1).clamp(min=0)
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


def _prefix_groups(rows: list[list[int]], turn_end: int | None) -> list[list[int]]:
    """Rows grouped by their first chat turn (the system prompt): the lean decoder computes each group's
    common prefix once. A tenant's conditional rows share the profile; plain and guided-negative rows share
    the template's default system turn."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for r, seq in enumerate(rows):
        cut = seq.index(turn_end) + 1 if turn_end is not None and turn_end in seq else 0
        groups.setdefault(tuple(seq[:cut]), []).append(r)
    return list(groups.values())


@torch.no_grad()
def _generate_batch(model, reqs: list[GenRequest], pad_id: int, eos_ids: set[int], guidance_scale: float,
                    do_sample: bool, temperature: float, top_p: float, repetition_penalty: float,
                    gen: torch.Generator, lean=None, turn_end: int | None = None) -> list[list[int]]:
    b = len(reqs)
    guided = guidance_scale != 1.0 and all(r.negative_ids is not None for r in reqs)
    rows = [r.prompt_ids for r in reqs] + ([r.negative_ids for r in reqs] if guided else [])
    limit = max(r.max_new_tokens for r in reqs)
    if lean is not None:
        stepper = LeanStepper(lean, rows, _prefix_groups(rows, turn_end), limit)
    else:
        stepper = _HFStepper(model, rows, pad_id)
    logits = stepper.prefill_logits()
    # Which request and branch each stepper row holds; the stepper may reorder rows when some finish.
    row_of: list[tuple[int, bool]] = [(i, False) for i in range(b)] + ([(i, True) for i in range(b)] if guided else [])
    generated: list[list[int]] = [[] for _ in range(b)]
    done = [False] * b
    bans = [r.bad_words_ids for r in reqs]
    for step in range(limit):
        cond = {i: r for r, (i, neg) in enumerate(row_of) if not neg}
        active = sorted(cond)
        if guided:
            unc_row = {i: r for r, (i, neg) in enumerate(row_of) if neg}
            c = logits[torch.tensor([cond[i] for i in active])].log_softmax(-1)
            u = logits[torch.tensor([unc_row[i] for i in active])].log_softmax(-1)
            scores = u + guidance_scale * (c - u)
        else:
            scores = logits[torch.tensor([cond[i] for i in active])]
        if repetition_penalty != 1.0:
            for r, i in enumerate(active):
                g = generated[i]
                if g:
                    idx = torch.tensor(sorted(set(g)), device=scores.device)
                    v = scores[r, idx]
                    scores[r, idx] = torch.where(v < 0, v * repetition_penalty, v / repetition_penalty)
        _ban(scores, [generated[i] for i in active], [bans[i] for i in active])
        tok_of = dict(zip(active, _sample(scores, do_sample, temperature, top_p, gen).tolist()))
        for i, t in tok_of.items():
            if t in eos_ids:
                done[i] = True
            else:
                generated[i].append(t)
                if len(generated[i]) >= reqs[i].max_new_tokens:
                    done[i] = True
        if all(done):
            break
        # Finished rows leave the batch (and the KV cache): a row that stopped early costs nothing more.
        keep = [r for r, (i, _) in enumerate(row_of) if not done[i]]
        if len(keep) < len(row_of):
            order = stepper.keep(keep, len(row_of))
            row_of = [row_of[r] for r in order]
        logits = stepper.step([tok_of[i] for i, _ in row_of])
    return generated


def generate(model, tokenizer, requests: list[GenRequest], *, batch_size: int = 16, guidance_scale: float = 1.0,
             do_sample: bool = False, temperature: float = 1.0, top_p: float = 1.0, repetition_penalty: float = 1.0,
             seed: int = 0, progress: Callable[[int], None] | None = None, lean: bool = True,
             kv_budget_bytes: int = 2 << 30) -> list[list[int]]:
    """New token ids per request (EOS excluded), in the order given; batches of similar prompt length.

    `lean` uses decoder.py's fused path where the model is supported (the weights as they are now: a PEFT
    model's active adapter is merged in, a disabled one is not), else transformers' forward.
    """
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    eos = {tokenizer.eos_token_id}
    im_end = tokenizer.convert_tokens_to_ids("<|im_end|>")
    turn_end = im_end if isinstance(im_end, int) and im_end != tokenizer.unk_token_id else None
    if turn_end is not None:
        eos.add(turn_end)
    eos.discard(None)
    order = sorted(range(len(requests)), key=lambda i: (-len(requests[i].prompt_ids), i))
    results: list[list[int] | None] = [None] * len(requests)
    fast = LeanLlama(model) if lean and requests and supported(model) else None
    if fast is not None:
        # The preallocated KV cache grows with rows x columns: large batches keep the GEMMs efficient, but
        # not past the memory budget (guided rows count twice).
        cols = max(len(r.prompt_ids) for r in requests) + max(r.max_new_tokens for r in requests)
        per_req = fast.kv_bytes_per_token * cols * (2 if guidance_scale != 1.0 else 1)
        batch_size = max(1, min(batch_size, kv_budget_bytes // per_req))
    for bi, start in enumerate(range(0, len(order), batch_size)):
        idx = order[start:start + batch_size]
        gen = torch.Generator(device="cpu").manual_seed(int(seed) * 100003 + bi)
        outs = _generate_batch(model, [requests[i] for i in idx], pad_id, eos, guidance_scale, do_sample,
                               temperature, top_p, repetition_penalty, gen, fast, turn_end)
        for i, o in zip(idx, outs):
            results[i] = o
        if progress:
            progress(len(idx))
    return results  # type: ignore[return-value]


@torch.no_grad()
def sequence_logprobs(model, contexts: list[list[int]], continuations: list[list[int]], *, batch_size: int = 16,
                      pad_id: int = 0) -> list[tuple[float, int]]:
    """(sum log p(continuation | context), n tokens) per pair, batched with right padding.

    The vocabulary projection runs only at the positions that predict continuation tokens: a context is
    typically two thirds of a scored sequence, and the 49k-wide logits of its positions were most of the
    time and memory of scoring best-of-N candidates.
    """
    from memlora.adapters.objectives import selected_logits

    device = next(model.parameters()).device
    order = sorted(range(len(contexts)), key=lambda i: -(len(contexts[i]) + len(continuations[i])))
    res: list[tuple[float, int] | None] = [None] * len(contexts)
    for i in order:
        if not continuations[i]:
            res[i] = (0.0, 0)
    order = [i for i in order if res[i] is None]
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        seqs = [contexts[i] + continuations[i] for i in idx]
        width = max(len(q) for q in seqs)
        ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        sel = torch.zeros((len(seqs), width), dtype=torch.bool)
        for row, (i, q) in enumerate(zip(idx, seqs)):
            ids[row, :len(q)] = torch.tensor(q)
            mask[row, :len(q)] = 1
            c = len(contexts[i])
            if c < 1:
                raise ValueError("sequence_logprobs: an empty context has no position to predict the first token from")
            sel[row, c - 1:c - 1 + len(continuations[i])] = True
        ids, mask, sel = ids.to(device), mask.to(device), sel.to(device)
        logp = selected_logits(model, ids, mask, sel).log_softmax(-1)
        tgt = ids[:, 1:][sel[:, :-1]]
        tok_lp = logp.gather(-1, tgt[:, None])[:, 0].tolist()
        at = 0
        for i in idx:
            k = len(continuations[i])
            res[i] = (float(sum(tok_lp[at:at + k])), k)
            at += k
    return res  # type: ignore[return-value]
