"""One request to decode, and the sampling parameters it carries.

The same type feeds batch generation (teacher, gate: `generate.generate`) and the serving engine. Batch
generation samples a whole batch from one generator, so it takes its `Sampling` per call and reads only
the ids, guidance branch, bans and length from a request; the engine samples each request on its own and
reads the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Sampling at a temperature this low is argmax (its limit); dividing logits by a subnormal one would overflow to inf.
GREEDY_BELOW = 1e-5
SEED_MAX = 2**63 - 1


@dataclass(frozen=True)
class Sampling:
    temperature: float = 0.0  # below GREEDY_BELOW: argmax
    top_p: float = 1.0
    top_k: int = 0  # 0 = every token
    frequency_penalty: float = 0.0  # OpenAI's: logit -= f * times generated + p * (generated at all)
    presence_penalty: float = 0.0
    repetition_penalty: float = 1.0  # HF's/vLLM's: over the seen tokens, positive logits / r, negative * r

    @property
    def greedy(self) -> bool:
        return self.temperature < GREEDY_BELOW

    @property
    def penalized(self) -> bool:
        return bool(self.frequency_penalty or self.presence_penalty or self.repetition_penalty != 1.0)


@dataclass
class GenRequest:
    input_ids: list[int]
    negative_ids: list[int] | None = None  # guidance: the same turn without the profile (batch generation only)
    bad_words_ids: list[list[int]] = field(default_factory=list)  # banned token sequences (batch generation only)
    max_new_tokens: int = 128
    id: str = ""
    tenant: str | None = None  # None = base model, no adapter
    temperature: float = 0.0
    top_p: float = 1.0
    top_k: int = 0
    seed: int | None = None
    frequency_penalty: float = 0.0
    presence_penalty: float = 0.0
    repetition_penalty: float = 1.0
    stop_token_ids: list[int] = field(default_factory=list)
    # serving: the prompt's ids after a residual block (the same chat with the tenant's residual lines opening its
    # system message); the engine uses prefix + these when the adapter version has a residual. None: take no residual.
    residual_tail: list[int] | None = None

    @property
    def sampling(self) -> Sampling:
        return Sampling(self.temperature, self.top_p, self.top_k, self.frequency_penalty, self.presence_penalty,
                        self.repetition_penalty)
