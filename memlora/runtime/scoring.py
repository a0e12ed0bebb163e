"""Log-probabilities of given continuations: scoring, where generation is sampling.

Both compute logits only at the positions whose next token is wanted: the vocabulary projection is the
largest single matmul in a small model, and the other positions' logits would be thrown away. Training's
objectives (adapters/objectives.py) use `selected_logits` for the same reason.
"""
from __future__ import annotations

import inspect

import torch


def _plain_head(model) -> bool:
    """Computing logits as head(hidden) by hand is only valid for models without logit scaling/soft-capping."""
    cfg = model.config
    return getattr(cfg, "final_logit_softcapping", None) is None and getattr(cfg, "logit_scale", None) is None


_MIN_SHARED = 8  # leading tokens worth a forward of their own: below this the extra call costs more than it saves


def shared_prefix_len(input_ids: torch.Tensor, sel: torch.Tensor) -> int:
    """Leading columns every row holds alike, up to the first selected position of any row.

    Positions before that are only keys and values for the rest; from it on each row's own hidden states are read.
    """
    same = (input_ids == input_ids[:1]).all(0)
    n = int(same.long().cumprod(0).sum())
    firsts = sel.long().argmax(1)[sel.any(1)]
    return min(n, int(firsts.min())) if firsts.numel() else n


def _hidden(decoder, input_ids, attention_mask, sel, shared_prefix: bool):
    """The decoder's last hidden states and the column they start at.

    With `shared_prefix` (every row runs through the same weights) the rows' common leading tokens, the chat
    template's system turn and often the whole profile, run once as one row, and the rest of every row attends
    to that row's keys and values; gradients flow back through them. The same hidden states up to float
    rounding, for about that share of the tokens' work less.
    """
    from transformers import DynamicCache

    p = shared_prefix_len(input_ids, sel) if shared_prefix and attention_mask is None and input_ids.shape[0] > 1 else 0
    if p < _MIN_SHARED:
        return decoder(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state, 0
    cache = DynamicCache()
    name = "cache" if "cache" in inspect.signature(decoder.forward).parameters else "past_key_values"  # renamed in 5.2x
    decoder(input_ids=input_ids[:1, :p], use_cache=True, **{name: cache})
    cache.batch_repeat_interleave(input_ids.shape[0])
    return decoder(input_ids=input_ids[:, p:], use_cache=True, **{name: cache}).last_hidden_state, p


def selected_logits(causal_lm, input_ids, attention_mask, sel, shared_prefix: bool = False) -> torch.Tensor:
    """Logits (n_selected, vocab) at the positions where `sel` is True, in row-major order.

    A right-padded batch needs no padding mask: under causal attention no real token attends to the padding
    after it, and only real positions are selected. Without the mask, attention runs as plain causal SDPA
    instead of the masked kernel, which on CPU is several times slower at these short lengths.
    `shared_prefix`: the rows share weights (one adapter, or none), so their common leading tokens run once.
    """
    if attention_mask is not None and bool((attention_mask[:, 1:] <= attention_mask[:, :-1]).all()):
        attention_mask = None
    if _plain_head(causal_lm):
        hidden, p = _hidden(causal_lm.get_decoder(), input_ids, attention_mask, sel, shared_prefix)
        return causal_lm.get_output_embeddings()(hidden[sel[:, p:]]).float()
    logits = causal_lm(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits
    return logits[sel].float()


@torch.no_grad()
def sequence_logprobs(model, contexts: list[list[int]], continuations: list[list[int]], *, batch_size: int = 16,
                      pad_id: int = 0, shared_prefix: bool = False) -> list[tuple[float, int]]:
    """(sum log p(continuation | context), n tokens) per pair, batched with right padding.

    The vocabulary projection runs only at the positions that predict continuation tokens: a context is
    typically two thirds of a scored sequence, and the 49k-wide logits of its positions were most of the
    time and memory of scoring best-of-N candidates.
    """
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
        logp = selected_logits(model, ids, mask, sel, shared_prefix).log_softmax(-1)
        tgt = ids[:, 1:][sel[:, :-1]]
        tok_lp = logp.gather(-1, tgt[:, None])[:, 0].tolist()
        at = 0
        for i in idx:
            k = len(continuations[i])
            res[i] = (float(sum(tok_lp[at:at + k])), k)
            at += k
    return res  # type: ignore[return-value]
