"""Multi-LoRA linear layers with preallocated adapter slots, gathered per batch row.

Why hand-written: PEFT switches adapters by module state (`set_adapter`) and runs a
mixed batch (`adapter_names`) as one sub-batch per adapter in every layer, so mixing
costs Python work per adapter per layer, and loading an adapter builds new modules.
Here each target `nn.Linear` is wrapped once at startup with two fixed tensors,
A: [S+1, r_max, in] and B: [S+1, out, r_max] (slot 0 stays zero = no adapter).
Loading an adapter is a tensor copy into one slot; a forward gathers each row's
A/B by the row's slot index and runs two `bmm`s (Punica's BGMV in plain torch).
The gathered per-row weights are kept while the batch composition is unchanged,
so a steady decode pays only the two `bmm`s per layer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn


class SlotContext:
    """Per-row slot indices for the next forward, shared by every slot layer of one model.

    `key` identifies the batch composition so layers can reuse their gathered weights;
    `generation` changes whenever slot contents change, invalidating those caches.
    """

    def __init__(self) -> None:
        self.uniform: int | None = 0  # every row uses this slot (0 = no adapter anywhere)
        self.idx: torch.Tensor | None = None
        self.rank = 0
        self.key: tuple = ()
        self.generation = 0

    def set_rows(self, slots: list[int], rank: int, device: torch.device | str = "cpu") -> None:
        key = (tuple(slots), rank, self.generation)
        if key == self.key:  # a steady decode batch: nothing to rebuild
            return
        first = slots[0] if slots else 0
        if all(s == first for s in slots):
            self.uniform, self.idx = first, None
        else:
            self.uniform = None
            self.idx = torch.tensor(slots, dtype=torch.long, device=device)
        self.rank = rank
        self.key = key


class SlotLoRALinear(nn.Module):
    """y = base(x) + (x @ A[slot]^T) @ B[slot]^T per row; B already carries the adapter's scale."""

    def __init__(self, base: nn.Linear, ctx: SlotContext, n_slots: int, rank: int) -> None:
        super().__init__()
        self.base = base
        self.ctx = ctx
        w = base.weight
        self.in_features, self.out_features = base.in_features, base.out_features
        self.register_buffer("lora_A", torch.zeros(n_slots + 1, rank, self.in_features, dtype=w.dtype, device=w.device), persistent=False)
        self.register_buffer("lora_B", torch.zeros(n_slots + 1, self.out_features, rank, dtype=w.dtype, device=w.device), persistent=False)
        self._gathered: dict[tuple, tuple[torch.Tensor, torch.Tensor]] = {}
        self._dirty = [0] * (n_slots + 1)  # per slot: rank columns that may hold non-zeros

    @property
    def weight(self) -> torch.Tensor:  # some model code reads `.weight.dtype` of projections
        return self.base.weight

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base(x)
        ctx = self.ctx
        r = ctx.rank
        if r == 0:
            return y
        if ctx.uniform is not None:
            if ctx.uniform == 0:
                return y
            a = self.lora_A[ctx.uniform, :r]
            b = self.lora_B[ctx.uniform, :, :r]
            return y.add_(torch.matmul(torch.matmul(x, a.t()), b.t()))
        got = self._gathered.get(ctx.key)
        if got is None:
            if len(self._gathered) >= 2:
                self._gathered.pop(next(iter(self._gathered)))
            got = (
                self.lora_A[:, :r].index_select(0, ctx.idx).transpose(1, 2),
                self.lora_B[:, :, :r].index_select(0, ctx.idx).transpose(1, 2),
            )
            self._gathered[ctx.key] = got
        at, bt = got
        shape = y.shape
        x3 = x.reshape(shape[0], -1, self.in_features)
        y3 = y.view(shape[0], -1, self.out_features)
        y3.baddbmm_(torch.bmm(x3, at), bt)
        return y

    def write_slot(self, slot: int, a: torch.Tensor | None, b: torch.Tensor | None, scale: float = 1.0) -> None:
        """Copy one adapter's A [r, in] and scale * B [out, r] into `slot`; zero only rank columns a previous adapter used."""
        r = 0 if a is None else a.shape[0]
        if r:
            self.lora_A[slot, :r].copy_(a)
            torch.mul(b, scale, out=self.lora_B[slot, :, :r])
        dirty = self._dirty[slot]
        if dirty > r:
            self.lora_A[slot, r:dirty].zero_()
            self.lora_B[slot, :, r:dirty].zero_()
        self._dirty[slot] = r

    def drop_cache(self) -> None:
        self._gathered.clear()


@dataclass
class SlotLayers:
    """Every wrapped layer of one model, by module name, plus what `detach` needs to undo the wrapping."""

    model: nn.Module
    ctx: SlotContext
    n_slots: int
    rank: int
    layers: dict[str, SlotLoRALinear] = field(default_factory=dict)

    @property
    def shapes(self) -> dict[str, tuple[int, int]]:
        return {n: (m.in_features, m.out_features) for n, m in self.layers.items()}

    @property
    def bytes_per_slot(self) -> int:
        return sum((m.lora_A[0].numel() + m.lora_B[0].numel()) * m.lora_A.element_size() for m in self.layers.values())

    def write(self, slot: int, modules: dict[str, tuple[torch.Tensor, torch.Tensor, float]]) -> None:
        """Load an adapter into a slot: modules it lacks get zeros, so no stale weights survive."""
        for name, layer in self.layers.items():
            abs_ = modules.get(name)
            layer.write_slot(slot, *(abs_ if abs_ is not None else (None, None)))
        self.invalidate()

    def invalidate(self) -> None:
        self.ctx.generation += 1
        for layer in self.layers.values():
            layer.drop_cache()

    def detach(self) -> None:
        """Put the original nn.Linear modules back (the base model is shared with other code in tests)."""
        for name, layer in self.layers.items():
            parent_name, _, child = name.rpartition(".")
            parent = self.model.get_submodule(parent_name) if parent_name else self.model
            setattr(parent, child, layer.base)
        self.layers.clear()


def target_linears(model: nn.Module, target_modules: list[str]) -> list[str]:
    """Names of nn.Linear modules whose last name part is a target (PEFT's list form), never the LM head."""
    wanted = set(target_modules)
    out = []
    for name, mod in model.named_modules():
        if isinstance(mod, nn.Linear) and name.rpartition(".")[2] in wanted and not name.endswith("lm_head"):
            out.append(name)
    return out


def attach_slots(model: nn.Module, target_modules: list[str], n_slots: int, rank: int) -> SlotLayers:
    """Wrap each target linear of `model` in place with `n_slots` adapter slots of rank `rank`."""
    ctx = SlotContext()
    sl = SlotLayers(model=model, ctx=ctx, n_slots=n_slots, rank=rank)
    for name in target_linears(model, target_modules):
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        layer = SlotLoRALinear(getattr(parent, child), ctx, n_slots, rank)
        setattr(parent, child, layer)
        sl.layers[name] = layer
    return sl
