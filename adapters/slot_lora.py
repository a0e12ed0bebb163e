"""Trainable LoRA slots: each batch row picks its tenant's A/B, so k tenants train in one forward/backward.

Why hand-written: PEFT trains one active adapter per forward (a mixed batch via `adapter_names` is for
inference only and splits the batch per adapter in every layer). This is the serving slot layer
(`memlora.runtime.lora_slots`: the same `SlotContext`, per-row slot index, gathered `bmm`) with the slots'
A/B as separate trainable parameters per tenant, so each tenant keeps its own optimizer state and a row's
gradient reaches only its own tenant's slot. The base linears see all tenants' rows at once: the large GEMMs
run over k times the rows.

A uniform batch (every row one slot: validation) takes PEFT's own arithmetic, `B(A(x)) * scaling`, so a
tenant's validation loss is computed as the single-tenant path computes it. Slot 0 is "no adapter"
(the teacher's forward in the KL objective).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from memlora.runtime.lora_slots import SlotContext


class SlotLoRATrainLinear(nn.Module):
    """y = base(x) + B[s](A[s](dropout(x))) * scaling, with s the row's slot (1..k; 0 = base only)."""

    def __init__(self, base: nn.Linear, ctx: SlotContext, init: list[tuple[torch.Tensor, torch.Tensor]],
                 scaling: float, dropout: float) -> None:
        super().__init__()
        self.base = base
        self.ctx = ctx
        self.scaling = scaling
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.lora_A = nn.ParameterList([nn.Parameter(a.detach().clone()) for a, _ in init])  # slot s at s - 1: [r, in]
        self.lora_B = nn.ParameterList([nn.Parameter(b.detach().clone()) for _, b in init])  # [out, r]

    @property
    def weight(self) -> torch.Tensor:  # some model code reads `.weight.dtype` of projections
        return self.base.weight

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base(x)
        ctx = self.ctx
        if ctx.uniform == 0:
            return y
        a0 = self.lora_A[0]
        xd = self.dropout(x.to(a0.dtype))
        if ctx.uniform is not None:
            s = ctx.uniform - 1
            return y + (F.linear(F.linear(xd, self.lora_A[s]), self.lora_B[s]) * self.scaling).to(y.dtype)
        rows = ctx.idx - 1
        a = torch.stack(tuple(self.lora_A)).index_select(0, rows)  # [rows, r, in]
        b = torch.stack(tuple(self.lora_B)).index_select(0, rows)  # [rows, out, r]
        x3 = xd.reshape(y.shape[0], -1, x.shape[-1])
        d = torch.bmm(torch.bmm(x3, a.transpose(1, 2)), b.transpose(1, 2)) * self.scaling
        return y + d.view(y.shape).to(y.dtype)


@dataclass
class TrainSlots:
    """The wrapped layers of one model by module name, the shared row context, and how to undo the wrapping."""

    model: nn.Module
    ctx: SlotContext
    rank: int
    layers: dict[str, SlotLoRATrainLinear] = field(default_factory=dict)

    def params(self, slot: int) -> list[nn.Parameter]:
        """Slot `slot`'s trainable tensors (1-based), one optimizer's worth."""
        return [p for m in self.layers.values() for p in (m.lora_A[slot - 1], m.lora_B[slot - 1])]

    def state(self, slot: int) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
        """A detached copy of slot `slot`'s weights: module name -> (A, B)."""
        return {n: (m.lora_A[slot - 1].detach().clone(), m.lora_B[slot - 1].detach().clone()) for n, m in self.layers.items()}

    def rows(self, slots: list[int]) -> None:
        """The slot of each row of the next forwards."""
        self.ctx.set_rows(slots, self.rank, self.model.device if hasattr(self.model, "device") else "cpu")

    @contextlib.contextmanager
    def disable_adapter(self):
        """Every row on the base alone for the duration (the name and use of PEFT's, which the objectives call)."""
        saved = (self.ctx.uniform, self.ctx.idx, self.ctx.key)
        self.ctx.uniform, self.ctx.idx, self.ctx.key = 0, None, ("off",)
        try:
            yield
        finally:
            self.ctx.uniform, self.ctx.idx, self.ctx.key = saved

    def detach(self) -> None:
        """Put the original nn.Linear modules back: the base is shared with every other tenant's work."""
        for name, layer in self.layers.items():
            parent_name, _, child = name.rpartition(".")
            parent = self.model.get_submodule(parent_name) if parent_name else self.model
            setattr(parent, child, layer.base)
        self.layers.clear()


def attach_train_slots(model: nn.Module, init: dict[str, tuple[torch.Tensor, torch.Tensor]], n_slots: int,
                       scaling: float, dropout: float) -> TrainSlots:
    """Wrap the linears named in `init` (module name -> initial A, B) with `n_slots` trainable slots, each
    starting from those weights (every tenant starts where the single-tenant path starts)."""
    first = next(iter(init.values()))
    ts = TrainSlots(model=model, ctx=SlotContext(), rank=first[0].shape[0])
    for name, (a, b) in init.items():
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        base = getattr(parent, child)
        if not isinstance(base, nn.Linear):
            raise TypeError(f"{name} is a {type(base).__name__}, not a Linear")
        dev = base.weight.device
        layer = SlotLoRATrainLinear(base, ts.ctx, [(a.to(dev), b.to(dev))] * n_slots, scaling, dropout)
        setattr(parent, child, layer)
        ts.layers[name] = layer
    return ts
