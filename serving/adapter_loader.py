"""Read a PEFT LoRA adapter directory into per-layer (A, B) tensors ready for a slot, validating everything.

Why not `PeftModel.load_adapter`: it builds new modules inside the model (hundreds of ms,
growing with the number loaded) and runs in the thread that owns the model. Here the
file is read with safetensors into plain CPU tensors in a background thread; the
decode loop only copies them into a slot. Only safetensors is accepted, never pickle.

Why a layout cache: a cold swap-in of a version read before (the host LRU dropped it) must
fit in a few ms. What a (safetensors header, adapter_config.json) pair means for the slots
(which tensor is whose A or B, shapes, scales, every structural check) is a pure function
of those bytes, so it is computed once and looked up by the bytes themselves; a re-read
then costs one read into a fresh buffer, and the slot install copies ~14 strided blocks
(one per module kind and A/B) straight out of it. The only per-version facts (sha256,
finiteness) are kept by file stamp, like the sha256 check always was.
"""
from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import torch

from memlora.adapter_dir import (
    CONFIG,
    MANIFEST,
    RESIDUAL,
    WEIGHTS,
    Residual,
    check_base,
    check_payload,
    check_tensor_name,
    manifest_dict,
    read_config,
    read_residual,
    sha256,
    validate_adapter,
    verify_hashes,
)
from memlora.errors import MemloraError

from .current_memory import load_current, with_current

log = logging.getLogger(__name__)
_KEY = re.compile(r"^(?:base_model\.model\.)?(?P<module>.+)\.lora_(?P<ab>[AB])(?:\.[^.]+)?\.weight$")


class RegistryUnavailable(MemloraError):
    """The adapter could not be fetched because the registry did not answer: nothing is wrong with the adapter,
    and the request may be retried (503), unlike a bad adapter (500)."""

    code = "registry_unavailable"


@dataclass(eq=False)
class AdapterWeights:
    """One adapter in host memory: the weights file in a buffer this object owns, plus its validated layout."""

    tenant: str
    path: str
    stamp: tuple  # identifies the file version, so a reload of a promoted champion is noticed
    rank: int  # largest per-module rank
    nbytes: int
    data: object = field(default=None, repr=False)  # the file's bytes (numpy uint8); every tensor below views it
    layout: _Layout | None = field(default=None, repr=False)
    residual: Residual = field(default_factory=Residual)  # the selected items this version does not carry
    residual_ids: tuple = ()  # their block as prompt-prefix token ids (empty: nothing to prepend)
    facts: object = None  # the residual's fact matcher (serving/enforce.py), embedded here rather than in the engine loop
    _modules: dict | None = field(default=None, repr=False)

    @property
    def modules(self) -> dict[str, tuple[torch.Tensor, torch.Tensor, float]]:
        """name -> (A [r, in], B [out, r], scale): views of `data`, built on first use (a slot install needs none)."""
        if self._modules is None:
            lay = self.layout
            views = _views(self.data, lay.region)
            self._modules = {n: (views[ia], views[ib], s) for n, ia, ib, s in zip(lay.names, lay.a_idx, lay.b_idx, lay.scales)}
        return self._modules

    def runs(self, as_numpy: bool) -> list[tuple[str, tuple, object, float]] | None:
        """The tensors as a few strided blocks, one per module kind: (A or B, module names, [k, ...] view, scale).

        A PEFT file stores the same module kind of every layer at a fixed distance, so its ~420
        tensors are ~14 blocks and a slot install is ~14 copies. None when the file does not allow
        it (mixed dtypes, unaligned tensors; bfloat16 has no numpy view): use `modules` then.
        """
        lay = self.layout
        if lay is None or lay.runs is None:
            return None
        region = lay.region
        item = region.specs[0][2]
        if as_numpy:
            np_dt = _NP_FINITE.get(region.flat_dtype)
            if np_dt is None or not isinstance(self.data, np.ndarray):
                return None
            return [
                (ab, names, np.ndarray(shape, dtype=np_dt, buffer=self.data, offset=region.start + off * item,
                                       strides=tuple(x * item for x in strides)), s)
                for ab, names, shape, strides, off, s in lay.runs
            ]
        flat = torch.frombuffer(self.data, dtype=region.flat_dtype, count=region.need // item, offset=region.start)
        return [(ab, names, flat.as_strided(shape, strides, off), s) for ab, names, shape, strides, off, s in lay.runs]


def _pattern_value(patterns: dict, module: str, default):
    """PEFT's rank_pattern/alpha_pattern: a key matches the module name itself or a dotted suffix of it."""
    for key, val in (patterns or {}).items():
        if module == key or module.endswith("." + key) or re.fullmatch(key, module):
            return val
    return default


def file_stamp(path: Path) -> tuple:
    st = (path / WEIGHTS).stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def _read_weights(path: Path) -> tuple[np.ndarray, tuple]:
    """The weights file in a fresh buffer (the host cache keeps it), and the stamp of the version read.

    The stamp comes from the open file itself, so it names the bytes read even if the file is
    replaced meanwhile. One copy out of the page cache into uninitialised memory (`read_bytes`
    then `bytearray` made two copies, `bytearray(n)` would zero-fill first).
    """
    with open(path / WEIGHTS, "rb", buffering=0) as f:
        st = os.fstat(f.fileno())
        data = np.empty(st.st_size, dtype=np.uint8)
        pos = 0
        while pos < st.st_size:
            got = f.readinto(data[pos:])
            if not got:
                break
            pos += got
    if pos < st.st_size:  # shrank while being read: parse what is there, the checks refuse it
        data = data[:pos].copy()
    return data, (str(path.resolve()), st.st_size, st.st_mtime_ns)


class LayoutCache:
    """(safetensors header bytes, adapter_config.json text) -> validated _Layout, a small thread-safe LRU.

    A layout is only valid for the served module shapes and slot rank it was checked against,
    so the cache is bound to them: read_adapter ignores a cache made for other ones.
    """

    def __init__(self, shapes: dict[str, tuple[int, int]], max_rank: int, size: int = 64) -> None:
        self.shapes = dict(shapes)
        self.max_rank = max_rank
        self.size = size
        self._items: OrderedDict[tuple[bytes, str], _Layout] = OrderedDict()
        self._lock = threading.Lock()

    def serves(self, shapes: dict[str, tuple[int, int]], max_rank: int) -> bool:
        return max_rank == self.max_rank and shapes == self.shapes

    def get(self, key: tuple[bytes, str]) -> _Layout | None:
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
            return got

    def put(self, key: tuple[bytes, str], layout: _Layout) -> None:
        with self._lock:
            self._items[key] = layout
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def read_adapter(
    path: Path,
    tenant: str,
    shapes: dict[str, tuple[int, int]],
    max_rank: int,
    base_fingerprint: str | None,
    verified: set | None = None,
    layouts: LayoutCache | None = None,
) -> AdapterWeights:
    """Load and validate; raises MemloraError naming the tenant and file on any problem.

    `verified` holds facts about file stamps already established: the sha256 was checked (the
    stamp itself) and the data is finite (("finite",) + stamp), so a host-cache miss on an
    unchanged file re-reads it without re-hashing or re-scanning (files of a registry version never
    change; an edited file has a new stamp and is checked again). `layouts` caches the validated
    meaning of a header + config, keyed by their bytes, so a re-read skips parsing and matching.
    """
    path = Path(path)
    where = f"adapter for tenant {tenant!r} at {path}"
    if layouts is not None and not layouts.serves(shapes, max_rank):
        layouts = None
    check_payload(path, where)
    cfg_text, cfg = _read_config(path, where, max_rank)
    try:
        data, stamp = _read_weights(path)
    except OSError as e:
        raise MemloraError(f"{where}: cannot read {WEIGHTS} ({type(e).__name__}: {e})") from None
    _check_manifest(path, where, base_fingerprint, data, stamp, verified)
    layout = _layout(data, cfg_text, cfg, shapes, max_rank, where, verified, stamp, layouts)
    w = AdapterWeights(tenant=tenant, path=str(path), stamp=stamp, rank=layout.rank, nbytes=len(data), data=data, layout=layout)
    if layout.runs is None:
        _ = w.modules  # no block copies for this file: build the per-tensor views here, off the decode thread
    return w


def _read_config(path: Path, where: str, max_rank: int) -> tuple[str, dict]:
    """The config's text (half of the layout cache key) and its checked contents."""
    try:
        text = (path / CONFIG).read_text()
    except UnicodeDecodeError as e:
        raise MemloraError(f"{where}: {path / CONFIG}: invalid JSON ({e})") from None
    return text, read_config(path, where, max_rank, text)


def _check_manifest(path: Path, where: str, base_fingerprint: str | None, data, stamp: tuple, verified: set | None) -> None:
    """With a memlora.json: the base it was trained on, and the sha256 of the very bytes read (once per version)."""
    if not (path / MANIFEST).is_file():
        return
    manifest = manifest_dict(path, where)
    if base_fingerprint:
        check_base(manifest["base_fingerprint"], base_fingerprint, where, "adapter")
    want = (manifest.get("files") or {}).get(WEIGHTS)
    if want and (verified is None or stamp not in verified):
        verify_hashes(path, {WEIGHTS: want}, where, f"its sha256 in {MANIFEST}", actual={WEIGHTS: sha256(data)})
        if verified is not None:
            verified.add(stamp)


def _read_residual(path: Path, where: str) -> Residual:
    """residual.json of this version, verified against its sha256 in memlora.json (it decides what the model is told)."""
    if not (path / RESIDUAL).is_file():
        return Residual()
    if (path / MANIFEST).is_file():
        want = (manifest_dict(path, where).get("files") or {}).get(RESIDUAL)
        if not want:
            raise MemloraError(f"{where}: {RESIDUAL} is not listed in {MANIFEST}'s files, so it cannot be verified")
        verify_hashes(path, {RESIDUAL: want}, where, f"its sha256 in {MANIFEST}")
    return read_residual(path, where)


def _layout(data, cfg_text: str, cfg: dict, shapes: dict, max_rank: int, where: str, verified: set | None,
            stamp: tuple, layouts: LayoutCache | None) -> _Layout:
    """The file's validated layout, from the cache when header and config bytes were seen before; finite either way."""
    start = _data_start(data, where)
    key = (bytes(memoryview(data)[8:start]), cfg_text)
    layout = layouts.get(key) if layouts is not None else None
    if layout is not None and len(data) - start < layout.need:
        layout = None  # the same header over a shorter file: the full checks below say what is wrong
    if layout is None:
        region = _scan(data, start, where)  # header checks: bounds, overlaps, dtypes
        _ensure_finite(data, region, where, verified, stamp)  # before the structural checks, as always
        layout = _plan(region, cfg, shapes, max_rank, where)
        if layouts is not None:
            layouts.put(key, layout)
    else:
        _ensure_finite(data, layout.region, where, verified, stamp)
    return layout


_DTYPES = {"F32": (torch.float32, 4), "F16": (torch.float16, 2), "BF16": (torch.bfloat16, 2), "F64": (torch.float64, 8)}
# finiteness in numpy: one single-threaded pass (torch's reductions start a thread team, which on a
# busy machine waits for a scheduler tick); bfloat16 has no numpy type: its exponent bits all set = inf/NaN
_NP_FINITE = {torch.float32: np.float32, torch.float16: np.float16, torch.float64: np.float64}
_FINITE_CHUNK = 1 << 18  # elements per numpy pass: the bool temporary stays in cache
_DIGITS = re.compile(r"\.\d+\.")  # blanks the layer number: tensors of one module kind form one strided run


@dataclass(frozen=True)
class _Region:
    """The data region of one safetensors header, bounds-checked."""

    start: int  # byte offset of the data region (8 + header length)
    need: int  # bytes of the region the tensors use
    specs: tuple  # per tensor, header order: (key, dtype, item, shape, lo, hi), lo/hi bytes into the region
    flat_dtype: torch.dtype | None  # one dtype, every tensor aligned: all views come from one flat tensor
    strided: tuple  # with flat_dtype: runs of same-shape tensors at a fixed step, (indices, shape, stride, first offset, step)
    dense: bool  # with flat_dtype: the tensors tile [0, need) exactly, so one pass over it covers them all


@dataclass(frozen=True)
class _Layout:
    """What a header + config mean for the slots, validated; no facts about a file version (sha256, finiteness)."""

    region: _Region
    names: tuple  # target modules, header order
    a_idx: tuple  # per module, the index of its A in region.specs
    b_idx: tuple
    scales: tuple  # per module: alpha / r (or alpha / sqrt(r) with rslora)
    rank: int
    # with one dtype, aligned: the tensors as strided blocks of one module kind each, (A or B, module names,
    # shape [k, ...], element strides, element offset into the data region, scale of those modules (1.0 for B))
    runs: tuple | None

    @property
    def need(self) -> int:
        return self.region.need


def _data_start(data, where: str) -> int:
    bad = f"{where}: {WEIGHTS} is not a valid safetensors file"
    if len(data) < 8:
        raise MemloraError(f"{bad} (too short)")
    n = int.from_bytes(memoryview(data)[:8], "little")
    if n <= 0 or 8 + n > len(data):
        raise MemloraError(f"{bad} (header length {n} out of range)")
    return 8 + n


def _scan(data, start: int, where: str) -> _Region:
    bad = f"{where}: {WEIGHTS} is not a valid safetensors file"
    try:
        header = json.loads(bytes(memoryview(data)[8:start]))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise MemloraError(f"{bad} (header is not JSON)") from None
    if not isinstance(header, dict):
        raise MemloraError(f"{bad} (header is not an object)")
    header.pop("__metadata__", None)
    size = len(data) - start
    specs = []
    for key, info in header.items():
        try:
            dt, item = _DTYPES[info["dtype"]]
            shape = tuple(int(x) for x in info["shape"])
            lo, hi = (int(x) for x in info["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise MemloraError(f"{bad} (tensor {key!r}: unsupported dtype or malformed entry)") from None
        if not (0 <= lo <= hi <= size) or hi - lo != math.prod(shape) * item:
            raise MemloraError(f"{bad} (tensor {key!r}: offsets {lo}..{hi} do not fit its shape {list(shape)} or the file)")
        specs.append((key, dt, item, shape, lo, hi))
    spans = sorted((lo, hi) for *_, lo, hi in specs)
    if any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
        raise MemloraError(f"{bad} (tensors overlap)")
    need = spans[-1][1] if spans else 0
    kinds = {(dt, item) for _, dt, item, *_ in specs}
    flat_dtype, strided, dense = None, (), False
    if len(kinds) == 1 and need and all((start + lo) % item == 0 for *_, item, _, lo, _ in specs) and start % next(iter(kinds))[1] == 0:
        flat_dtype, item = next(iter(kinds))
        by_kind: dict[tuple, list] = {}  # the same module kind of every layer: its name with the layer number blanked
        for i, (key, _, _, shape, lo, _) in enumerate(specs):
            by_kind.setdefault((shape, _DIGITS.sub(".#.", key)), []).append((lo // item, i))
        strided = tuple(
            (idx, shape, _contiguous_strides(shape), first, step)
            for (shape, _), offs in by_kind.items()
            for idx, first, step in _runs(offs)
        )
        dense = spans[0][0] == 0 and all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    return _Region(start=start, need=need, specs=tuple(specs), flat_dtype=flat_dtype, strided=strided, dense=dense)


def _runs(offsets: list[tuple[int, int]]) -> list[tuple[tuple, int, int]]:
    """(offset, index) pairs -> runs at a constant step: (indices, first offset, step); step 0 for a run of one.

    A PEFT file stores the same module kind of every layer at a fixed distance, so ~420 tensors are
    ~14 runs, and one strided view per run (unbound into per-tensor views) replaces ~420 calls.
    """
    offsets = sorted(offsets)
    out: list[tuple[tuple, int, int]] = []
    i = 0
    while i < len(offsets):
        j = i + 1
        if j < len(offsets):
            step = offsets[j][0] - offsets[i][0]
            while j + 1 < len(offsets) and offsets[j + 1][0] - offsets[j][0] == step:
                j += 1
            j += 1
        else:
            step = 0
        if j - i == 1:
            step = 0
        out.append((tuple(ix for _, ix in offsets[i:j]), offsets[i][0], step))
        i = j
    return out


def _contiguous_strides(shape: tuple) -> tuple:
    out, acc = [], 1
    for d in reversed(shape):
        out.append(acc)
        acc *= max(d, 1)
    return tuple(reversed(out))


def _views(data, region: _Region) -> list[torch.Tensor]:
    """One tensor per spec: views of `data` (one flat tensor, as_strided), copies only for unaligned ones."""
    if region.flat_dtype is not None:
        item = region.specs[0][2]
        flat = torch.frombuffer(data, dtype=region.flat_dtype, count=region.need // item, offset=region.start)
        ast = flat.as_strided
        views: list = [None] * len(region.specs)
        for idx, shape, stride, first, step in region.strided:
            if len(idx) == 1:
                views[idx[0]] = ast(shape, stride, first)
            else:
                for i, v in zip(idx, ast((len(idx),) + shape, (step,) + stride, first).unbind(0)):
                    views[i] = v
        return views
    out = []
    start = region.start
    for _, dt, item, shape, lo, hi in region.specs:
        if lo == hi:
            out.append(torch.empty(shape, dtype=dt))
        elif (start + lo) % item:  # unaligned (old writers): copy this one
            out.append(torch.frombuffer(bytearray(memoryview(data)[start + lo : start + hi]), dtype=dt).view(shape))
        else:
            out.append(torch.frombuffer(data, dtype=dt, count=(hi - lo) // item, offset=start + lo).view(shape))
    return out


def _ensure_finite(data, region: _Region, where: str, verified: set | None, stamp: tuple) -> None:
    """Refuse NaN/inf anywhere; once per file version when `verified` remembers versions."""
    key = ("finite",) + stamp
    if verified is not None and key in verified:
        return
    if region.flat_dtype is not None and region.dense:
        item = region.specs[0][2]
        count = region.need // item
        np_dt = _NP_FINITE.get(region.flat_dtype)
        arr = np.frombuffer(data, dtype=np_dt or np.uint16, count=count, offset=region.start)
        finite = True
        for i in range(0, count, _FINITE_CHUNK):
            part = arr[i : i + _FINITE_CHUNK]
            if not (np.isfinite(part).all() if np_dt else ((part & 0x7F80) != 0x7F80).all()):
                finite = False
                break
    else:
        finite = all(bool(torch.isfinite(t).all()) for t in _views(data, region))
    if not finite:
        views = _views(data, region)
        bad_key = next(spec[0] for spec, t in zip(region.specs, views) if not bool(torch.isfinite(t).all()))
        raise MemloraError(f"{where}: tensor {bad_key!r} has non-finite values")
    if verified is not None:
        verified.add(key)


def _plan(region: _Region, cfg: dict, shapes: dict[str, tuple[int, int]], max_rank: int, where: str) -> _Layout:
    """Match tensors to served modules and check shapes, ranks and the config: the structural checks."""
    pairs: dict[str, dict[str, int]] = {}
    for i, spec in enumerate(region.specs):
        check_tensor_name(spec[0], where, WEIGHTS)
        m = _KEY.match(spec[0])
        if not m:
            raise MemloraError(f"{where}: unexpected tensor {spec[0]!r} (only lora_A/lora_B weights of linear layers are supported)")
        pairs.setdefault(m["module"], {})[m["ab"]] = i
    if not pairs:
        raise MemloraError(f"{where}: {WEIGHTS} holds no LoRA weights")

    r_default = int(cfg.get("r", 8))
    alpha_default = float(cfg.get("lora_alpha", r_default))
    rslora = bool(cfg.get("use_rslora", False))
    names, a_idx, b_idx, scales = [], [], [], []
    max_r = 0
    for name, ab in pairs.items():
        if name not in shapes:
            raise MemloraError(f"{where}: targets module {name!r}, which this server does not serve (targets: {_short(shapes)})")
        if set(ab) != {"A", "B"}:
            raise MemloraError(f"{where}: module {name!r} lacks lora_{'B' if 'A' in ab else 'A'}")
        a, b = region.specs[ab["A"]][3], region.specs[ab["B"]][3]
        n_in, n_out = shapes[name]
        r = a[0] if len(a) == 2 else -1
        if len(a) != 2 or len(b) != 2 or a[1] != n_in or b != (n_out, r):
            raise MemloraError(f"{where}: module {name!r} has shapes A {a}, B {b}; expected A (r, {n_in}), B ({n_out}, r)")
        if r > max_rank:
            raise MemloraError(f"{where}: module {name!r} has rank {r} > slot rank {max_rank} (serving.slot_rank)")
        if r < 1:
            raise MemloraError(f"{where}: module {name!r} has rank 0")
        r_cfg = int(_pattern_value(cfg.get("rank_pattern"), name, r_default))
        if r_cfg != r:
            raise MemloraError(f"{where}: module {name!r} has rank {r} but {CONFIG} says {r_cfg}")
        alpha = float(_pattern_value(cfg.get("alpha_pattern"), name, alpha_default))
        names.append(name)
        a_idx.append(ab["A"])
        b_idx.append(ab["B"])
        scales.append(alpha / math.sqrt(r) if rslora else alpha / r)
        max_r = max(max_r, r)
    return _Layout(region=region, names=tuple(names), a_idx=tuple(a_idx), b_idx=tuple(b_idx), scales=tuple(scales),
                   rank=max_r, runs=_module_runs(region, names, a_idx, b_idx, scales))


def _module_runs(region: _Region, names: list, a_idx: list, b_idx: list, scales: list) -> tuple | None:
    """region.strided, labelled with module names, split where the owner kind (A/B) or the scale changes."""
    if region.flat_dtype is None:
        return None
    owner: dict[int, tuple[str, str, float]] = {}
    for name, ia, ib, s in zip(names, a_idx, b_idx, scales):
        owner[ia] = (name, "A", s)
        owner[ib] = (name, "B", 1.0)
    out = []
    for idx, shape, stride, first, step in region.strided:
        i = 0
        while i < len(idx):
            if idx[i] not in owner:  # a duplicate key that another tensor of the same module overrode
                i += 1
                continue
            _, ab, s = owner[idx[i]]
            j = i + 1
            while j < len(idx) and idx[j] in owner and owner[idx[j]][1:] == (ab, s):
                j += 1
            out.append((ab, tuple(owner[x][0] for x in idx[i:j]), (j - i,) + shape, (step,) + stride, first + i * step, s))
            i = j
    return tuple(out)


def _short(shapes: dict) -> str:
    kinds = sorted({n.rpartition(".")[2] for n in shapes})
    return ", ".join(kinds)


def _meta_model(config):
    """An unwrapped copy of the base's module tree on the meta device (no memory), for the shape validator."""
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(config)


class AdapterLoader:
    """Disk tier: resolves and reads adapters in one background thread so decoding never waits on disk."""

    def __init__(
        self,
        resolve: Callable[[str], Path | None],
        shapes: dict[str, tuple[int, int]],
        max_rank: int,
        base_fingerprint: str | None,
        model_config=None,
        refetch: Callable[[str], Path | None] | None = None,
        encode_residual: Callable[[str], list[int]] | None = None,
        resolve_rejected: Callable[[str], Path | None] | None = None,
        current_profile: Callable[[str], Path | None] | None = None,
        match_facts: Callable[[Residual], object] | None = None,
    ) -> None:
        self._resolve = resolve
        self._resolve_rejected = resolve_rejected
        self._current_profile = current_profile  # where the tenant's newest distilled profile is (None: not served)
        self._encode_residual = encode_residual
        self._match_facts = match_facts
        self._refetch = refetch
        self.cache_heals = 0  # cached copies that failed their checks and were fetched again from the registry
        self._shapes = shapes
        self._max_rank = max_rank
        self._fp = base_fingerprint
        self._model_config = model_config
        self._verified: set = set()  # file stamps: sha256 checked, ("finite",) + stamp, ("external",) + stamp
        self._layouts = LayoutCache(shapes, max_rank)
        self._shape_model = None  # built once: the validator would otherwise rebuild it for every adapter
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="memlora-adapter-loader")

    def submit(self, tenant: str) -> Future:
        """Future -> AdapterWeights, or None when the tenant has no adapter; raises MemloraError when it is bad."""
        return self._pool.submit(self._load, tenant)

    def _load(self, tenant: str) -> AdapterWeights | None:
        try:
            path = self._resolve(tenant)
            rejected = self._resolve_rejected(tenant) if self._resolve_rejected is not None else None
        except MemloraError:
            raise
        except Exception as e:  # noqa: BLE001 - a registry failure fails this tenant's load only
            raise MemloraError(f"cannot resolve the adapter of tenant {tenant!r}: {type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}") from None
        rejected = None if rejected is None else Path(rejected)
        if path is None:
            return None if rejected is None else self._weightless(tenant, rejected)
        try:
            return self._read(Path(path), tenant, rejected)
        except MemloraError as e:
            if self._refetch is None:
                raise
            first = e
        return self._heal(tenant, first, rejected)

    def _read(self, path: Path, tenant: str, rejected: Path | None = None) -> AdapterWeights:
        self._external_check(path, tenant)
        w = read_adapter(path, tenant, self._shapes, self._max_rank, self._fp, self._verified, self._layouts)
        own = w.residual = _read_residual(path, f"adapter for tenant {tenant!r} at {path}")
        if rejected is not None:
            w.residual = _read_residual(rejected, f"rejected version of tenant {tenant!r} at {rejected}").beyond(own)
        w.residual = self._with_current(tenant, w.residual, set(own.carried), rejected or path)
        return self._with_residual_ids(w)

    def _weightless(self, tenant: str, rejected: Path) -> AdapterWeights:
        """A tenant whose only version was rejected: no weights (a zero slot is the base), its items in the prompt,
        so the residual and its prefix KV still live and die with a slot like any other version's."""
        res = _read_residual(rejected, f"rejected version of tenant {tenant!r} at {rejected}").beyond(None)
        res = self._with_current(tenant, res, set(), rejected)
        w = AdapterWeights(tenant=tenant, path=str(rejected), stamp=("weightless", str(rejected.resolve())), rank=0,
                           nbytes=0, residual=res, _modules={})
        return self._with_residual_ids(w)

    def _with_current(self, tenant: str, served: Residual, carried: set[str], newest: Path) -> Residual:
        """The served residual against the tenant's newest profile (serving/current_memory.py): what the weights
        carry stays out, items added since `newest` (the newest served version) was trained come in."""
        if self._current_profile is None:
            return served
        profile = load_current(self._current_profile(tenant), tenant)
        if profile is None:
            return served
        trained = manifest_dict(newest).get("profile_hash") if (newest / MANIFEST).is_file() else None
        return with_current(served, carried, trained, profile)

    def _with_residual_ids(self, w: AdapterWeights) -> AdapterWeights:
        if self._encode_residual is not None:
            w.residual_ids = tuple(self._encode_residual(w.residual.block()))
        if self._match_facts is not None:
            w.facts = self._match_facts(w.residual)
        w.nbytes += 8 * len(w.residual_ids)
        return w

    def _heal(self, tenant: str, first: MemloraError, rejected: Path | None = None) -> AdapterWeights | None:
        """A local copy that fails its checks (bit rot keeps size and mtime, so only the hash notices) is dropped
        and fetched again from the registry, whose copy is verified against the registered sha256 on arrival.
        If the fresh copy fails too, the registry's artifact itself is bad: the tenant's load fails as before."""
        log.warning("adapter of tenant %r failed its checks, fetching it again from the registry: %s", tenant, first)
        try:
            path = self._refetch(tenant)
        except RegistryUnavailable:
            raise
        except MemloraError as e:
            raise MemloraError(f"{first}; fetching it again from the registry failed: {e}") from None
        except Exception as e:  # noqa: BLE001
            raise MemloraError(f"{first}; fetching it again from the registry failed: {type(e).__name__}: {str(e)[:160]}") from None
        if path is None:
            return None if rejected is None else self._weightless(tenant, rejected)
        w = self._read(Path(path), tenant, rejected)
        self.cache_heals += 1
        return w

    def _external_check(self, path: Path, tenant: str) -> None:
        """The full adapter-directory check (config, tensors against the base), once per file version."""
        if not (path / MANIFEST).is_file() or not (path / WEIGHTS).is_file():
            return
        key = ("external",) + file_stamp(path)
        if key in self._verified:
            return
        if self._shape_model is None and self._model_config is not None:
            self._shape_model = _meta_model(self._model_config)
        try:
            validate_adapter(path, self._fp, self._shape_model, max_rank=self._max_rank)
        except MemloraError as e:
            raise MemloraError(f"adapter for tenant {tenant!r}: {e}") from None
        self._verified.add(key)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
