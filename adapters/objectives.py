"""The two training objectives: SFT on the teacher's answers, and context distillation (KL to the teacher).

When each wins: SFT needs only token ids and is cheapest (one pass); it copies the
sampled answers, so it fixes facts and formats firmly, but it learns one sample per
prompt. KL (Snell et al. 2022; Cartridges 2025) matches the teacher's whole
next-token distribution on every response token, which transfers how the profile
shifts *all* plausible continuations and disturbs the rest of the model less; it
costs one or two extra no-grad forward passes of the base per step (teacher with
the profile in the prompt, and the base without it when amplification is on).

Both compute logits only at the positions whose next token is trained: the
vocabulary projection is the largest single matmul in a small model, and the
prompt positions' logits would be thrown away.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from memlora.runtime.scoring import selected_logits


def targets(batch) -> torch.Tensor:
    """The trained next tokens, aligned with `selected_logits(..., batch['sel'])`."""
    return batch["input_ids"][:, 1:][batch["sel"][:, :-1]]


def sft_loss(causal_lm, batch, shared_prefix: bool = False) -> tuple[torch.Tensor, int]:
    logits = selected_logits(causal_lm, batch["input_ids"], batch["attention_mask"], batch["sel"], shared_prefix)
    y = targets(batch)
    return F.cross_entropy(logits, y), int(y.numel())


@torch.no_grad()
def teacher_logits(peft_model, causal_lm, batch, guidance: float, shared_prefix: bool = False) -> torch.Tensor:
    """The teacher: the same base weights with the adapter off and the profile in the prompt.

    With guidance g != 1, the profile's effect is amplified like classifier-free guidance:
    base + g * (profile - base), where `base` is the adapter-off model without the profile.
    Every row runs on the base alone here, so `shared_prefix` holds whatever adapters the rows train.
    """
    with peft_model.disable_adapter():
        t = selected_logits(causal_lm, batch["t_input_ids"], batch["t_attention_mask"], batch["t_sel"], shared_prefix)
        if guidance != 1.0:
            b = selected_logits(causal_lm, batch["input_ids"], batch["attention_mask"], batch["sel"], shared_prefix)
            t = b + guidance * (t - b)
    return t


def kl_per_token(teacher: torch.Tensor, student: torch.Tensor, temperature: float = 1.0) -> torch.Tensor:
    """KL(teacher || student) for each row, in nats."""
    t = F.log_softmax(teacher / temperature, dim=-1)
    s = F.log_softmax(student / temperature, dim=-1)
    return (t.exp() * (t - s)).sum(-1) * temperature**2


def distill_per_token(teacher: torch.Tensor, student: torch.Tensor, target: torch.Tensor, forced: torch.Tensor | None,
                      temperature: float = 1.0) -> torch.Tensor:
    """KL to the teacher per token, except where the teacher that wrote the data was one-hot.

    distill's teacher is partly constructed: the forced opening, bullet markers, fact statements, the appended
    closing and the end of turn were put there, not sampled, and the prompted base gives them little
    probability. KL to a one-hot teacher is the token's negative log-likelihood, so those positions use it.
    Training and the gate's KL-gap metric use this same rule, so the objective is the metric.
    """
    kl = kl_per_token(teacher, student, temperature)
    if forced is None or not bool(forced.any()):
        return kl
    nll = F.cross_entropy(student.float(), target, reduction="none")
    return torch.where(forced, nll, kl)


def kl_loss(peft_model, causal_lm, batch, guidance: float = 1.0, temperature: float = 1.0,
            shared_prefix: bool = False) -> tuple[torch.Tensor, int]:
    t = teacher_logits(peft_model, causal_lm, batch, guidance, shared_prefix)
    s = selected_logits(causal_lm, batch["input_ids"], batch["attention_mask"], batch["sel"], shared_prefix)
    per = distill_per_token(t, s, targets(batch), batch.get("forced"), temperature)
    return per.mean(), int(per.numel())
