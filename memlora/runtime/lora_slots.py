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

The A (and B) tensors of all layers of one module kind (q_proj, ...) are views of one
buffer [L, S+1, r_max, in], in module-name order: the order a safetensors file stores
them in, so installing an adapter copies one strided block per kind (~14 copies for an
all-linear adapter) instead of two small copies per layer (~420).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
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
    """y = base(x) + (x @ A[slot]^T) @ B[slot]^T per row; A already carries the adapter's scale."""

    def __init__(self, base: nn.Linear, ctx: SlotContext, n_slots: int, rank: int,
                 storage: tuple[torch.Tensor, torch.Tensor] | None = None) -> None:
        super().__init__()
        self.base = base
        self.ctx = ctx
        w = base.weight
        self.in_features, self.out_features = base.in_features, base.out_features
        if storage is None:
            storage = (torch.zeros(n_slots + 1, rank, self.in_features, dtype=w.dtype, device=w.device),
                       torch.zeros(n_slots + 1, self.out_features, rank, dtype=w.dtype, device=w.device))
        self.register_buffer("lora_A", storage[0], persistent=False)  # [S+1, r_max, in]
        self.register_buffer("lora_B", storage[1], persistent=False)  # [S+1, out, r_max]
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


def _root(t: torch.Tensor) -> torch.Tensor:
    return t if t._base is None else t._base


@dataclass
class _Kind:
    """The slot storage of one module kind: every layer's lora_A / lora_B is a view of these, in `names` order."""

    names: tuple[str, ...]
    A: torch.Tensor  # [L, S+1, r_max, in]
    B: torch.Tensor  # [L, S+1, out, r_max]
    layers: list  # the SlotLoRALinear of each name
    pos: dict  # name -> index in names
    A_np: np.ndarray | None = None  # numpy views of A and B (CPU): single-threaded strided copies
    B_np: np.ndarray | None = None

    def intact(self) -> bool:
        """Still the storage of its layers: model.to(...) to another device or dtype gives every layer its own
        buffers (then the per-layer path is used); checking the first and last layer catches that."""
        for m in (self.layers[0], self.layers[-1]):
            bufs = m._buffers
            if bufs["lora_A"]._base is not self.A or bufs["lora_B"]._base is not self.B:
                return False
        return True


@dataclass
class SlotLayers:
    """Every wrapped layer of one model, by module name, plus what `detach` needs to undo the wrapping."""

    model: nn.Module
    ctx: SlotContext
    n_slots: int
    rank: int
    layers: dict[str, SlotLoRALinear] = field(default_factory=dict)
    kinds: list[_Kind] = field(default_factory=list)
    _kind_of: dict = field(default_factory=dict, repr=False)  # module name -> its _Kind
    _dests: dict = field(default_factory=dict, repr=False)  # (slot, rank) -> destination views, see _dest
    _blocks: dict = field(default_factory=dict, repr=False)  # run names -> (kind, first position), see _block

    @property
    def shapes(self) -> dict[str, tuple[int, int]]:
        return {n: (m.in_features, m.out_features) for n, m in self.layers.items()}

    @property
    def bytes_per_slot(self) -> int:
        return sum((m.lora_A[0].numel() + m.lora_B[0].numel()) * m.lora_A.element_size() for m in self.layers.values())

    def install(self, slot: int, w) -> None:
        """Load an AdapterWeights into a slot: one copy per block of same-kind tensors when its file allows.

        Falls back to `write(slot, w.modules)` (two copies per layer) when the file's blocks do not
        line up with the slot storage or the storage was moved; both give the same slot contents.
        """
        plan = self._plan(w)
        if plan is None:
            self.write(slot, w.modules)
            return
        use_np, runs = plan
        ranks: dict[str, int] = {}
        for ab, names, src, _ in runs:
            if ab == "A":
                r = src.shape[1]
                for n in names:
                    ranks[n] = r
        self._retire(slot, [ranks.get(n, 0) for n in self.layers])
        with np.errstate(over="ignore"):  # like torch: an overflow gives inf, no warning
            self._copy_runs(slot, use_np, runs)
        self.invalidate()

    def _copy_runs(self, slot: int, use_np: bool, runs: list) -> None:
        for ab, names, src, scale in runs:
            kind, p = self._block(names)
            k, r = src.shape[0], (src.shape[1] if ab == "A" else src.shape[2])
            if use_np:
                if ab == "A":
                    dst = kind.A_np[p : p + k, slot, :r]
                    if scale != 1.0:
                        np.multiply(src, scale, out=dst)
                    else:
                        np.copyto(dst, src)
                else:
                    # rows of r values land r_max apart: copied as one r-wide opaque item per row, which numpy
                    # moves in one inner loop over the rows instead of one tiny loop per row
                    dst = kind.B_np[p : p + k, slot, :, :r]
                    row = np.dtype((np.void, r * dst.itemsize))
                    np.copyto(dst.view(row)[..., 0], src.view(row)[..., 0])
            else:
                dst = kind.A[p : p + k, slot, :r] if ab == "A" else kind.B[p : p + k, slot, :, :r]
                dst.copy_(src)
                if scale != 1.0:
                    dst.mul_(scale)

    def _plan(self, w) -> tuple[bool, list] | None:
        """How `install` copies `w`: (numpy or torch, runs), or None to use the per-layer path."""
        if not self.kinds or not hasattr(w, "runs"):
            return None
        use_np = all(k.A_np is not None for k in self.kinds)
        runs = w.runs(as_numpy=use_np)
        if runs is None:
            return None
        used = set()
        for ab, names, src, _ in runs:
            got = self._block(names)
            if got is None or len(src.shape) != 3:
                return None
            kind, _ = got
            _, d1, d2 = src.shape
            r, width = (d1, d2) if ab == "A" else (d2, d1)
            if r > self.rank or width != (kind.A.shape[3] if ab == "A" else kind.B.shape[2]):
                return None
            if use_np and kind.A_np.dtype != src.dtype:
                return None
            used.add(id(kind))
        if any(not k.intact() for k in self.kinds if id(k) in used):
            # the model was moved (model.to): its layers own their buffers now; drop the stale storage
            self.kinds = [k for k in self.kinds if k.intact()]
            self._kind_of = {n: k for k in self.kinds for n in k.names}
            self._blocks.clear()
            return None
        return use_np, runs

    def _block(self, names: tuple) -> tuple[_Kind, int] | None:
        """Where a run of modules sits in the slot storage: one kind, consecutive positions, same order."""
        got = self._blocks.get(names, False)
        if got is False:
            kind = self._kind_of.get(names[0])
            got = None
            if kind is not None:
                p = kind.pos[names[0]]
                if kind.names[p : p + len(names)] == names:
                    got = (kind, p)
            if len(self._blocks) > 4096:
                self._blocks.clear()
            self._blocks[names] = got
        return got

    def _retire(self, slot: int, ranks: list[int]) -> None:
        """Zero the rank columns the slot's previous adapter used beyond each layer's new rank; record the new ranks."""
        mods = list(self.layers.values())
        if any(m._dirty[slot] > r for m, r in zip(mods, ranks)):
            stale = [(m, r, m._dirty[slot]) for m, r in zip(mods, ranks) if m._dirty[slot] > r]
            torch._foreach_zero_([m.lora_A[slot, r:d] for m, r, d in stale] + [m.lora_B[slot, :, r:d] for m, r, d in stale])
        for m, r in zip(mods, ranks):
            m._dirty[slot] = r

    def write(self, slot: int, modules: dict[str, tuple[torch.Tensor, torch.Tensor, float]]) -> None:
        """Load an adapter into a slot: modules it lacks get zeros, so no stale weights survive.

        Each layer's A[slot, :r] becomes scale * A and B[slot, :, :r] becomes B, in a few `torch._foreach_*` calls over
        destination views cached per (slot, rank): 420 Python-level copies cost more than the copying.
        """
        mods = list(self.layers.values())
        got = [modules.get(name) for name in self.layers]
        ranks = [0 if g is None else g[0].shape[0] for g in got]
        self._retire(slot, ranks)
        for r in sorted(set(ranks) - {0}):
            idx = [i for i, x in enumerate(ranks) if x == r]
            dst_a, dst_b = self._dest(slot, r, mods)
            if len(idx) != len(mods):
                dst_a, dst_b = [dst_a[i] for i in idx], [dst_b[i] for i in idx]
            torch._foreach_copy_(dst_a + dst_b, [got[i][0] for i in idx] + [got[i][1] for i in idx])
            scales = [float(got[i][2]) for i in idx]
            if any(x != 1.0 for x in scales):
                torch._foreach_mul_(dst_a, scales)
        self.invalidate()

    def _dest(self, slot: int, r: int, mods: list[SlotLoRALinear]) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        """Every layer's A[slot, :r] and B[slot, :, :r] views, built once; rebuilt if the buffers were replaced (model.to)."""
        got = self._dests.get((slot, r))
        if got is None or len(got[0]) != len(mods) or got[0][0]._base is not _root(mods[0].lora_A) or got[1][-1]._base is not _root(mods[-1].lora_B):
            got = self._dests[(slot, r)] = ([m.lora_A[slot, :r] for m in mods], [m.lora_B[slot, :, :r] for m in mods])
        return got

    def invalidate(self) -> None:
        self.ctx.generation += 1
        for layer in self.layers.values():
            if layer._gathered:
                layer._gathered.clear()

    def detach(self) -> None:
        """Put the original nn.Linear modules back (the base model is shared with other code in tests)."""
        for name, layer in self.layers.items():
            parent_name, _, child = name.rpartition(".")
            parent = self.model.get_submodule(parent_name) if parent_name else self.model
            setattr(parent, child, layer.base)
        self.layers.clear()
        self.kinds.clear()
        self._kind_of.clear()
        self._dests.clear()
        self._blocks.clear()


def target_linears(model: nn.Module, target_modules: list[str]) -> list[str]:
    """Names of nn.Linear modules whose last name part is a target (PEFT's list form), never the LM head."""
    wanted = set(target_modules)
    out = []
    for name, mod in model.named_modules():
        if isinstance(mod, nn.Linear) and name.rpartition(".")[2] in wanted and not name.endswith("lm_head"):
            out.append(name)
    return out


def attach_slots(model: nn.Module, target_modules: list[str], n_slots: int, rank: int) -> SlotLayers:
    """Wrap each target linear of `model` in place with `n_slots` adapter slots of rank `rank`.

    Layers of one kind (last name part, shapes, dtype, device) share one storage buffer, ordered by
    module name as a safetensors file orders its tensors; memory is the same as one buffer per layer.
    """
    ctx = SlotContext()
    sl = SlotLayers(model=model, ctx=ctx, n_slots=n_slots, rank=rank)
    names = target_linears(model, target_modules)
    groups: dict[tuple, list[str]] = {}
    for name in names:
        base = model.get_submodule(name)
        w = base.weight
        groups.setdefault((name.rpartition(".")[2], base.in_features, base.out_features, w.dtype, w.device), []).append(name)
    storage: dict[str, tuple] = {}
    for (_, n_in, n_out, dtype, device), group in groups.items():
        group = sorted(group)
        A = torch.zeros(len(group), n_slots + 1, rank, n_in, dtype=dtype, device=device)
        B = torch.zeros(len(group), n_slots + 1, n_out, rank, dtype=dtype, device=device)
        np_ok = device.type == "cpu" and dtype in (torch.float32, torch.float16, torch.float64)
        kind = _Kind(names=tuple(group), A=A, B=B, layers=[], pos={n: i for i, n in enumerate(group)},
                     A_np=A.numpy() if np_ok else None, B_np=B.numpy() if np_ok else None)
        sl.kinds.append(kind)
        for j, name in enumerate(group):
            storage[name] = (kind, A[j], B[j])
    for name in names:
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        kind, a, b = storage[name]
        layer = SlotLoRALinear(getattr(parent, child), ctx, n_slots, rank, storage=(a, b))
        setattr(parent, child, layer)
        sl.layers[name] = layer
        kind.layers.append(layer)
        sl._kind_of[name] = kind
    return sl
