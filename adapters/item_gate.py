"""The per-item gate: for each selected memory item, does the adapter's answer follow it as the teacher's did?

A mean over preferences let an adapter pass while carrying none of them, and one prompt decided a
preference. Here every checkable item is measured on its own held-out prompts (never a training prompt) in
four columns: the base without the profile, the prompted base (profile in the system prompt, no
amplification), the teacher (its answers in distill's data: what the adapter was shown) and the adapter
without the profile. An item is

- `not_learnable` when the teacher itself complies less than `teacher_min`: no adapter learns what the
  teacher cannot show, so it is served in the prompt and never blocks promotion;
- `carried` when the adapter complies at least `teacher - carry_margin` and above the base by more than the
  base's 90% Wilson half-width (chance agreement of a base that already half-complies is not learning); an
  item the base alone already follows at the teacher's level is carried when the adapter keeps it;
- `not_carried` otherwise, and `unchecked` when no judge-free check exists (free-form items, a language the
  stop-word check does not know, a fact without a probe).

The residual (what the server must still put in the prompt) is every item not carried, with the line the
profile's system prompt gives it; for a rejected adapter, every item (its weights never serve).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from memlora.adapter_dir import Residual, ResidualItem

COLUMNS = ("base", "profile", "teacher", "adapter")
CARRIED, NOT_CARRIED, NOT_LEARNABLE, UNCHECKED = "carried", "not_carried", "not_learnable", "unchecked"
VERDICTS = (CARRIED, NOT_CARRIED, NOT_LEARNABLE, UNCHECKED)
Z90 = 1.6448536269514722  # two-sided 90%: the normal quantile at 0.95

def wilson(k: int, n: int, z: float = Z90) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials.

    Why by hand: it is four lines of arithmetic, it must answer n=0 (an empty interval, not an error) and be
    called many times per tenant; scipy (reachable only through scikit-learn) has it as a method of a full
    binomial test object (`binomtest(k, n).proportion_ci(method="wilson")`), which refuses n=0 and computes a
    p-value nobody reads. The tests check these values against scipy's.
    """
    if n <= 0:
        return 0.0, 1.0
    p, z2 = k / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def half_width(k: int, n: int, z: float = Z90) -> float:
    lo, hi = wilson(k, n, z)
    return (hi - lo) / 2


@dataclass
class ItemResult:
    """One selected item at the gate: per-column compliance (k of n), its verdict and why."""

    id: str
    kind: str
    value: str
    text: str
    line: str
    required: bool
    n: int = 0
    teacher_n: int = 0
    teacher_source: str = ""
    hits: dict = field(default_factory=dict)
    rates: dict = field(default_factory=dict)
    verdict: str = UNCHECKED
    why: str = ""
    slot: str = ""
    statement: str = ""  # a fact's constructed statement and probe question, carried into the residual
    question: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def decide(r: ItemResult, teacher_min: float, carry_margin: float) -> tuple[str, str]:
    """The verdict on measured rates (pure: the rule itself, tested on constructed numbers)."""
    rt = r.rates
    if not r.n or rt.get("teacher") is None or rt.get("adapter") is None or rt.get("base") is None:
        return UNCHECKED, "no judge-free check for this item" if not r.n else "no teacher answers to compare"
    t, a, b = rt["teacher"], rt["adapter"], rt["base"]
    if t < teacher_min:
        return NOT_LEARNABLE, f"teacher complies {t:.2f} < {teacher_min}: this base cannot show it"
    hw = half_width(r.hits.get("base", round(b * r.n)), r.n)
    if a < t - carry_margin:
        return NOT_CARRIED, f"adapter {a:.2f} < teacher {t:.2f} - {carry_margin}"
    if a - b > hw:
        return CARRIED, f"adapter {a:.2f} vs teacher {t:.2f}, base {b:.2f} (+/-{hw:.2f})"
    if b >= teacher_min:
        return CARRIED, f"the base already follows it ({b:.2f}); the adapter keeps it ({a:.2f})"
    return NOT_CARRIED, f"adapter {a:.2f} not above base {b:.2f} by more than its 90% half-width {hw:.2f}"


def blocking(results: list[ItemResult]) -> list[str]:
    """Reasons to refuse promotion: a required item the teacher satisfies that the adapter does not carry."""
    return [f"does not carry {r.kind} item {r.id} ({r.value or r.text}): {r.why}"
            for r in results if r.required and r.verdict == NOT_CARRIED]


def residual(results: list[ItemResult], rejected: bool = False) -> Residual:
    """What the server must serve in the prompt: every item the adapter does not carry, in profile order, and the
    ids it does carry. A rejected adapter is never served, so every item is listed (the ones it carried with
    reason `rejected`) and none is carried: the server serves them over the champion, or the base."""
    if rejected:
        return Residual([_residual_item(r, "rejected" if r.verdict == CARRIED else r.verdict) for r in results], [])
    return Residual([_residual_item(r, r.verdict) for r in results if r.verdict != CARRIED],
                    [r.id for r in results if r.verdict == CARRIED],
                    [_residual_item(r, CARRIED) for r in results if r.verdict == CARRIED and r.kind == "fact"])


def _residual_item(r: ItemResult, reason: str) -> ResidualItem:
    return ResidualItem(id=r.id, kind=r.kind, text=r.text, line=r.line, reason=reason, slot=r.slot,
                        value=r.value if r.kind == "fact" else "", statement=r.statement, question=r.question)


def summary(results: list[ItemResult]) -> dict:
    """verdict -> item ids, every verdict present (an empty list says "none"), for tags and the profile view."""
    return {v: [r.id for r in results if r.verdict == v] for v in VERDICTS}
