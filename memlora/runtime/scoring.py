"""Log-probabilities of given continuations: scoring, where generation is sampling.

Both compute logits only at the positions whose next token is wanted: the vocabulary projection is the
largest single matmul in a small model, and the other positions' logits would be thrown away. Training's
objectives (adapters/objectives.py) use `selected_logits` for the same reason.
"""
from __future__ import annotations

import torch


def _plain_head(model) -> bool:
    """Computing logits as head(hidden) by hand is only valid for models without logit scaling/soft-capping."""
    cfg = model.config
    return getattr(cfg, "final_logit_softcapping", None) is None and getattr(cfg, "logit_scale", None) is None


def selected_logits(causal_lm, input_ids, attention_mask, sel) -> torch.Tensor:
    """Logits (n_selected, vocab) at the positions where `sel` is True, in row-major order.

    A right-padded batch needs no padding mask: under causal attention no real token attends to the padding
    after it, and only real positions are selected. Without the mask, attention runs as plain causal SDPA
    instead of the masked kernel, which on CPU is several times slower at these short lengths.
    """
    if attention_mask is not None and bool((attention_mask[:, 1:] <= attention_mask[:, :-1]).all()):
        attention_mask = None
    if _plain_head(causal_lm):
        hidden = causal_lm.get_decoder()(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
        return causal_lm.get_output_embeddings()(hidden[sel]).float()
    logits = causal_lm(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits
    return logits[sel].float()


@torch.no_grad()
def sequence_logprobs(model, contexts: list[list[int]], continuations: list[list[int]], *, batch_size: int = 16,
                      pad_id: int = 0) -> list[tuple[float, int]]:
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
        logp = selected_logits(model, ids, mask, sel).log_softmax(-1)
        tgt = ids[:, 1:][sel[:, :-1]]
        tok_lp = logp.gather(-1, tgt[:, None])[:, 0].tolist()
        at = 0
        for i in idx:
            k = len(continuations[i])
            res[i] = (float(sum(tok_lp[at:at + k])), k)
            at += k
    return res  # type: ignore[return-value]
