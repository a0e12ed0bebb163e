"""Batched generation on the base model: the teacher's hot loop, and the gate's greedy answers.

Hand-written decoding loop, and why: `transformers.generate` batches plain sampling well, but its
classifier-free guidance path (`guidance_scale` + `negative_prompt_ids`) runs the unconditional branch as a
second, unbatched model call per step. Here both branches (with and without the profile) are rows of one
left-padded batch, so a guided step costs one forward of 2B rows, and the KV cache serves both. Requests are
sorted by prompt length before batching so padding stays small. Constraints that are cheaper at decode
time than after it are applied to the logits: banned words (every tokenization variant, multi-token words
by prefix match), a repetition penalty against loops. Deterministic for a fixed seed: one
`torch.Generator` per batch, seeded from (seed, batch index).

The forward itself is a stepper (stepper.py): decoder.py's lean path for CPU Llama-family models, or
transformers' forward for anything else; this loop (guidance, bans, sampling, rows leaving) is the same for
both. Penalties and sampling are sampling.py's, the ones the serving engine uses.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import torch

from .decoder import LeanLlama, LeanStepper, mergeable, supported
from .request import GenRequest, Sampling
from .sampling import ban, generator, penalize, sample
from .stepper import HFStepper, Stepper
from .tokens import end_ids, pad_id, turn_end_id

TEACHER_TOP_K = 50  # the teacher's sampler has always cut to the 50 likeliest tokens: dataset hashes depend on it


def _prefix_groups(rows: list[list[int]], turn_end: int | None, slots: list[int] | None = None) -> list[list[int]]:
    """Rows grouped by their first chat turn (the system prompt) and LoRA slot: the lean decoder computes each
    group's common prefix once. A tenant's conditional rows share the profile; plain and guided-negative rows
    share the template's default system turn; rows of different adapters never share a prefix's keys."""
    groups: dict[tuple, list[int]] = {}
    for r, seq in enumerate(rows):
        cut = seq.index(turn_end) + 1 if turn_end is not None and turn_end in seq else 0
        groups.setdefault((slots[r] if slots else 0, *seq[:cut]), []).append(r)
    return list(groups.values())


def _scores(logits: torch.Tensor, row_of: list[tuple[int, bool]], guidance_scale: float, guided: bool) -> tuple[list[int], torch.Tensor]:
    """The live requests, and their next-token scores: the conditional row's logits, or with guidance the
    unconditional log-probs pushed `guidance_scale` times towards the conditional ones."""
    cond = {i: r for r, (i, neg) in enumerate(row_of) if not neg}
    active = sorted(cond)
    if not guided:
        return active, logits[torch.tensor([cond[i] for i in active])]
    unc_row = {i: r for r, (i, neg) in enumerate(row_of) if neg}
    c = logits[torch.tensor([cond[i] for i in active])].log_softmax(-1)
    u = logits[torch.tensor([unc_row[i] for i in active])].log_softmax(-1)
    return active, u + guidance_scale * (c - u)


@torch.no_grad()
def _generate_batch(stepper: Stepper, reqs: list[GenRequest], eos_ids: set[int], guided: bool, guidance_scale: float,
                    sampling: Sampling, gen: torch.Generator) -> list[list[int]]:
    b = len(reqs)
    limit = max(r.max_new_tokens for r in reqs)
    logits = stepper.prefill_logits()
    # Which request and branch each stepper row holds; the stepper may reorder rows when some finish.
    row_of: list[tuple[int, bool]] = [(i, False) for i in range(b)] + ([(i, True) for i in range(b)] if guided else [])
    generated: list[list[int]] = [[] for _ in range(b)]
    done = [False] * b
    for _ in range(limit):
        active, scores = _scores(logits, row_of, guidance_scale, guided)
        if sampling.penalized:
            for r, i in enumerate(active):
                if generated[i]:
                    scores[r] = penalize(scores[r], sampling, generated[i], {})
        ban(scores, [generated[i] for i in active], [reqs[i].bad_words_ids for i in active])
        tok_of = dict(zip(active, sample(scores, sampling, gen).tolist()))
        for i, t in tok_of.items():
            if t in eos_ids:
                done[i] = True
            else:
                generated[i].append(t)
                done[i] = len(generated[i]) >= reqs[i].max_new_tokens
        if all(done):
            break
        # Finished rows leave the batch (and the KV cache): a row that stopped early costs nothing more.
        keep = [r for r, (i, _) in enumerate(row_of) if not done[i]]
        if len(keep) < len(row_of):
            order = stepper.keep(keep, len(row_of))
            row_of = [row_of[r] for r in order]
        logits = stepper.step([tok_of[i] for i, _ in row_of])
    return generated


def _batch_size(fast: LeanLlama | None, requests: list[GenRequest], batch_size: int, guided: bool, kv_budget_bytes: int) -> int:
    """The lean decoder preallocates its KV cache for rows x columns: large batches keep the GEMMs efficient,
    but not past the memory budget (guided rows count twice)."""
    if fast is None:
        return batch_size
    cols = max(len(r.input_ids) for r in requests) + max(r.max_new_tokens for r in requests)
    per_req = fast.kv_bytes_per_token * cols * (2 if guided else 1)
    return max(1, min(batch_size, kv_budget_bytes // per_req))


def generate(model, tokenizer, requests: list[GenRequest], *, batch_size: int = 16, guidance_scale: float = 1.0,
             do_sample: bool = False, temperature: float = 1.0, top_p: float = 1.0, top_k: int = TEACHER_TOP_K,
             repetition_penalty: float = 1.0, seed: int = 0, progress: Callable[[int], None] | None = None,
             lean: bool = True, kv_budget_bytes: int = 2 << 30, slots: list[int] | None = None) -> list[list[int]]:
    """New token ids per request (EOS excluded), in the order given; batches of similar prompt length.

    `lean` uses decoder.py's fused path where the model is supported (the weights as they are now: a PEFT
    model's active adapter is merged in, a disabled one is not), else transformers' forward. `slots`: per
    request, the LoRA slot its rows decode with on a model carrying `lora_slots` layers (lean path only).
    """
    return generate_rounds(model, tokenizer, requests, [Round(do_sample, seed)], batch_size=batch_size,
                           guidance_scale=guidance_scale, temperature=temperature, top_p=top_p, top_k=top_k,
                           repetition_penalty=repetition_penalty, progress=progress, lean=lean,
                           kv_budget_bytes=kv_budget_bytes, slots=slots)[0]


@dataclass(frozen=True)
class Round:
    """One answer per request: greedy or sampled, from generators seeded by `seed` (and the batch index)."""

    do_sample: bool
    seed: int


def generate_rounds(model, tokenizer, requests: list[GenRequest], rounds: list[Round], *, batch_size: int = 16,
                    guidance_scale: float = 1.0, temperature: float = 1.0, top_p: float = 1.0,
                    top_k: int = TEACHER_TOP_K, repetition_penalty: float = 1.0,
                    progress: Callable[[int], None] | None = None, lean: bool = True, kv_budget_bytes: int = 2 << 30,
                    slots: list[int] | None = None, reuse_prompts: bool = True) -> list[list[list[int]]]:
    """Per round, what `generate` returns for it: round r is exactly `generate(..., do_sample, seed)` of that round.

    With `reuse_prompts` (lean path) each batch's prompts are prefilled once and every later round rewinds to
    them (`LeanStepper.rewind`), so n answers per prompt cost one prefill, not n; the tokens are the same."""
    if slots is not None and not (lean and supported(model)):
        raise ValueError("per-request LoRA slots need the lean decoder (a CPU float32 or bfloat16 Llama-family model)")
    samplings = [Sampling(temperature=temperature if r.do_sample else 0.0, top_p=top_p, top_k=top_k,
                          repetition_penalty=repetition_penalty) for r in rounds]
    pad, eos, turn_end = pad_id(tokenizer), end_ids(tokenizer, model), turn_end_id(tokenizer)
    order = sorted(range(len(requests)), key=lambda i: (-len(requests[i].input_ids), i))
    results: list[list[list[int] | None]] = [[None] * len(requests) for _ in rounds]
    fast = LeanLlama(model) if lean and requests and supported(model) and mergeable(model) else None
    batch_size = _batch_size(fast, requests, batch_size, guidance_scale != 1.0, kv_budget_bytes)
    for bi, start in enumerate(range(0, len(order), batch_size)):
        at = order[start:start + batch_size]
        reqs = [requests[i] for i in at]
        guided = guidance_scale != 1.0 and all(r.negative_ids is not None for r in reqs)
        rows = [r.input_ids for r in reqs] + ([r.negative_ids for r in reqs] if guided else [])
        row_slots = None if slots is None else [slots[i] for i in at] * (2 if guided else 1)
        new_stepper = functools.partial(_stepper, fast, model, rows, row_slots, turn_end, pad,
                                        max(r.max_new_tokens for r in reqs))
        stepper = None
        for ri, (rnd, sampling) in enumerate(zip(rounds, samplings)):
            stepper = _next_stepper(stepper, new_stepper, reuse_prompts and ri + 1 < len(rounds))
            outs = _generate_batch(stepper, reqs, eos, guided, guidance_scale, sampling, generator(int(rnd.seed) * 100003 + bi))
            for i, o in zip(at, outs):
                results[ri][i] = o
            if progress:
                progress(len(reqs))
    return results  # type: ignore[return-value]


def _stepper(fast: LeanLlama | None, model, rows: list[list[int]], row_slots: list[int] | None, turn_end: int | None,
             pad: int, limit: int) -> Stepper:
    if fast is None:
        return HFStepper(model, rows, pad)
    return LeanStepper(fast, rows, _prefix_groups(rows, turn_end, row_slots), limit, row_slots)


def _next_stepper(prev: Stepper | None, make: Callable[[], Stepper], more: bool) -> Stepper:
    """The batch's stepper for the next round: rewound to its prompts when it can be (and saved for the round
    after when `more` follow), else built afresh."""
    rewound = prev is not None and isinstance(prev, LeanStepper) and prev.can_rewind
    if rewound:
        prev.rewind()
    st = prev if rewound else make()
    if more and isinstance(st, LeanStepper) and not st.can_rewind:
        st.remember()
    return st
